from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "tuntas.reference"
    label = "reference"
