from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "tuntas.reports"
    label = "reports"
