from django.apps import AppConfig


class CitizenConfig(AppConfig):
    name = "tuntas.citizen"
    label = "citizen"
