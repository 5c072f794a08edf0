"""Admin helpers shared by every app: the admin lists only what the permission layer lets one see."""
from django.contrib import admin

from .permissions import actor_for, policy_for, scope


def scoped_choices(request, formfield):
    """A form field's choices limited to what the permission layer lets the signed-in user see."""
    queryset = getattr(formfield, "queryset", None) if formfield is not None else None
    if queryset is not None:
        try:
            policy_for(queryset.model)
        except LookupError:  # Django's own models (users, groups, content types)
            return formfield
        formfield.queryset = scope(actor_for(request.user), queryset)
    return formfield


class ScopedAdmin(admin.ModelAdmin):
    """Lists and every dropdown of the add and change forms ask the permission layer: private drafts are their
    author's alone, a superuser's admin included."""

    def get_queryset(self, request):
        return scope(actor_for(request.user), super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return scoped_choices(request, super().formfield_for_foreignkey(db_field, request, **kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return scoped_choices(request, super().formfield_for_manytomany(db_field, request, **kwargs))


def register_scoped(models_and_columns):
    """Register ``[(model, list_display)]`` with scoped admins."""
    for model, fields in models_and_columns:
        admin.site.register(model, type(f"{model.__name__}Admin", (ScopedAdmin,), {"list_display": fields}))
