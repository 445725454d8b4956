from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tuntas.accounts"
    label = "accounts"

    def ready(self) -> None:
        from tuntas.accounts import schema  # noqa: F401  # registers the OpenAPI schemes
