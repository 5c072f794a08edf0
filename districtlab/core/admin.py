"""Admin helpers shared by every app: the admin lists only what the permission layer lets one see."""
from django import forms
from django.contrib import admin

from .history import is_tracked
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


class RevisionForm(forms.ModelForm):
    """A change form carries the revision it was read at; saving it after someone else saved is refused."""

    revision_read = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and is_tracked(type(self.instance)):
            self.fields["revision_read"].initial = self.instance.revision

    def clean(self):
        data = super().clean()
        read = data.get("revision_read")
        if read is not None and self.instance.pk is not None and is_tracked(type(self.instance)):
            if read != self.instance.revision:
                raise forms.ValidationError("Someone saved this record after you opened it: open it again to see "
                                            "their change (its History lists it), then make yours.")
            self.instance.expect_revision(read)  # and refused in the UPDATE itself if saved since
        return data


class ScopedAdmin(admin.ModelAdmin):
    """Lists and every dropdown of the add and change forms ask the permission layer: private drafts are their
    author's alone, a superuser's admin included. A change form based on an older revision is refused."""

    form = RevisionForm

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
