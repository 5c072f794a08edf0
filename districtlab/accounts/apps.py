from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-in and security: lockout, passwords, sessions, API tokens and single sign-on (issue 12)."""

    name = "districtlab.accounts"
    label = "accounts"
    verbose_name = "Sign-in and security"
