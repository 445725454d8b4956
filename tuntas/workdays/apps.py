from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "tuntas.workdays"
    label = "workdays"
