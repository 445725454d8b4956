from django.apps import AppConfig


class FederationConfig(AppConfig):
    name = "tuntas.federation"
    label = "federation"
