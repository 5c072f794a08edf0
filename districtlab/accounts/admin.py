"""Admins see and revoke (delete) anyone's API token; lockouts are lifted from axes' own admin pages."""
from django.contrib import admin

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "token_key", "created", "expiry")
    search_fields = ("user__username", "name", "token_key")
    readonly_fields = ("user", "name", "token_key", "created", "expiry")
    exclude = ("digest",)

    def has_add_permission(self, request):
        return False  # a key is shown once, on its owner's API tokens page
