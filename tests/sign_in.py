"""Signing in as a person does: through the sign-in form (Django's ``Client.login`` skips the lockout check)."""
from django.test import Client


def sign_in_with_password(username: str, password: str) -> Client | None:
    """A client signed in through ``/accounts/login/``, or None if the form refused the password."""
    c = Client()
    response = c.post("/accounts/login/", {"username": username, "password": password})
    return c if response.status_code == 302 else None
