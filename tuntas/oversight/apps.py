from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "tuntas.oversight"
    label = "oversight"
