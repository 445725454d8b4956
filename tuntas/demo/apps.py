from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "tuntas.demo"
    label = "demo"
