from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "tuntas.exports"
    label = "exports"
