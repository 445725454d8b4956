from django.apps import AppConfig


class InboundConfig(AppConfig):
    name = "tuntas.inbound"
    label = "inbound"
