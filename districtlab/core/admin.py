"""Admin helpers shared by every app: the admin lists only what the permission layer lets one see."""
from django import forms
from django.contrib import admin

from .changes import changes_since
from .history import is_tracked
from .permissions import actor_for, policy_for, scope
from .views import kept_as_typed


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
    """A change form (or an inline's row) carries the revision it was read at; saving it after someone else saved
    is refused, saying who changed what meanwhile, with what was typed kept: saving again replaces it knowingly."""

    revision_read = forms.IntegerField(widget=forms.HiddenInput, required=False)
    actor = None  # who is saving (``RevisionChecked``), to name who changed what as they may know them

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and is_tracked(type(self.instance)):
            self.fields["revision_read"].initial = self.instance.revision

    def clean(self):
        data = super().clean()
        read = data.get("revision_read")
        if read is not None and self.instance.pk is not None and is_tracked(type(self.instance)):
            model = type(self.instance)  # the record locked as it is now, until the save is done
            current = model._base_manager.select_for_update(of=("self",)).filter(
                pk=self.instance.pk).values_list("revision", flat=True).first()
            if current is not None and read != current:
                self.data = kept_as_typed(self, "revision_read", current)
                raise forms.ValidationError(self.conflict(read))
            self.instance.expect_revision(read)  # and refused in the UPDATE itself if saved since
        return data

    def conflict(self, read) -> str:
        """Who changed what since revision ``read``, in words (the admin shows a form's errors as text)."""
        changes = changes_since(self.actor, self.instance, read) if self.actor else []
        said = "; ".join(f"{c.who} changed {c.field_names or 'it'} ({c.when:%b %-d, %H:%M})" for c in changes)
        return (f"Someone saved this {self.instance._meta.verbose_name} after you opened it"
                f"{': ' + said if said else ''}. What you typed is below, not yet saved: save again to replace those "
                "changes with yours, or open it again to keep them (its History lists them).")


class RevisionChecked:
    """For the admin (or inline) of every tracked record: its forms carry the revision they were read at and a
    save based on an older one is refused (``RevisionForm``)."""

    form = RevisionForm

    def get_form(self, request, obj=None, **kwargs):  # a model's admin
        form = super().get_form(request, obj, **kwargs)
        form.actor = actor_for(request.user)
        return form

    def get_formset(self, request, obj=None, **kwargs):  # an inline
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.actor = actor_for(request.user)
        return formset


class RevisionAdmin(RevisionChecked, admin.ModelAdmin):
    pass


class RevisionTabularInline(RevisionChecked, admin.TabularInline):
    pass


class ScopedAdmin(RevisionAdmin):
    """Lists and every dropdown of the add and change forms ask the permission layer: private drafts are their
    author's alone, a superuser's admin included. A change form based on an older revision is refused."""

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
