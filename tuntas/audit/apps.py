from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tuntas.audit"
    label = "audit"
