from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """The reporter's rights over their personal data (UU PDP 27/2022) and retention."""

    name = "tuntas.privacy"
    label = "privacy"
