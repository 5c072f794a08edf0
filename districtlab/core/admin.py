"""Admin helpers shared by every app: the admin lists only what the permission layer lets one see."""
from django.contrib import admin

from .permissions import actor_for, scope


class ScopedAdmin(admin.ModelAdmin):
    def get_queryset(self, request):
        return scope(actor_for(request.user), super().get_queryset(request))


def register_scoped(models_and_columns):
    """Register ``[(model, list_display)]`` with scoped admins."""
    for model, fields in models_and_columns:
        admin.site.register(model, type(f"{model.__name__}Admin", (ScopedAdmin,), {"list_display": fields}))
