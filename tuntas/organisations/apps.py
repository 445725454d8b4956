from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "tuntas.organisations"
    label = "organisations"
