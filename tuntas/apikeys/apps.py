from django.apps import AppConfig


class ApikeysConfig(AppConfig):
    name = "tuntas.apikeys"
    label = "apikeys"
