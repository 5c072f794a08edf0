"""API tokens: django-rest-knox's expiring, hashed tokens, each with the name its owner gave it."""
from django.db import models
from knox.models import AbstractAuthToken


class ApiToken(AbstractAuthToken):
    """One device's or script's key to the API; only its digest is kept, so the key is shown once."""

    name = models.CharField(max_length=100, blank=True, help_text='What uses it, e.g. "Data office laptop".')

    class Meta:
        ordering = ["-created"]
        verbose_name = "API token"

    def __str__(self):
        return f"{self.name or 'API token'} ({self.token_key}…)"
