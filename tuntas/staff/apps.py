from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "tuntas.staff"
    label = "staff"
