from django.apps import AppConfig


class KpiConfig(AppConfig):
    name = "tuntas.kpi"
    label = "kpi"
