from django.apps import AppConfig


class ApikeysConfig(AppConfig):
    name = "tuntas.apikeys"
    label = "apikeys"

    def ready(self) -> None:
        from tuntas.apikeys import schema  # noqa: F401  # registers the OpenAPI scheme
