from django.apps import AppConfig


class Open311Config(AppConfig):
    name = "tuntas.open311"
    label = "open311"
