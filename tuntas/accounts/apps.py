from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tuntas.accounts"
    label = "accounts"
