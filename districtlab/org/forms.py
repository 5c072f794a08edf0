"""Forms for the organisation's records; choices are limited to what the actor may see."""
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q

from districtlab.core.choosers import CHOOSERS, Chooser, ChooserField, limit_choosers, record_id
from districtlab.core.people import name_for, ordered_for
from districtlab.core.permissions import policy_for, scope

from . import models as m
from .reference import TableError, read_table_text, table_text
from .spreadsheets import SpreadsheetError, check_size


def limit_choices(fields, actor):
    """Limit every related-record choice to the actor's scope; name people by pseudonym where required."""
    for field in fields:
        if not isinstance(field, forms.ModelChoiceField):
            continue
        try:
            policy_for(field.queryset.model)
        except LookupError:
            continue
        field.queryset = ordered_for(actor, scope(actor, field.queryset))
        if field.queryset.model is m.Network:  # a network is shown with its school year: read with it, not per option
            field.queryset = field.queryset.select_related("school_year")
        if field.queryset.model is m.Person:
            field.label_from_instance = lambda person: name_for(actor, person)


# Teams chosen by name or id, each suggested with its school (several schools have a "Grade 6 team").
TEAMS = Chooser("team", m.Team.objects.order_by("name"), hint=lambda t: t.school.name if t.school else "",
                select=("school",))


class ChosenOne(ChooserField):
    """One record (a school, team or network a record is about) chosen by typing its name or id, as the lists'
    filters choose one (New York has 1,800 schools: no dropdown of them all). Cleans to that record, or ``None``."""

    default_error_messages = {"several": "Several are called something like “%(text)s”: type more of the name, or "
                                         "choose one of the suggestions."}

    def to_python(self, value):
        found = super().to_python(value)
        if found is None:
            return None
        first_two = list(found[:2])
        if len(first_two) > 1:
            raise ValidationError(self.error_messages["several"], code="several", params={"text": str(value).strip()})
        return first_two[0]


def choose_by_typing(form, *names, kind=""):
    """Make each of ``names`` (links to one school, team, network, meeting, practice...) a ``ChosenOne`` of the actor's
    scope, keeping its label, help text and whether it is required; the chooser is the one registered for the field's
    model (its model name) unless ``kind`` names another (e.g. "cohort")."""
    from . import filters  # noqa: F401  (registers the school and network choosers)

    for name in names:
        old = form.fields[name]
        model = old.queryset.model
        form.fields[name] = ChosenOne(CHOOSERS[kind or model._meta.model_name], queryset=model.objects.all(),
                                      label=old.label, help_text=old.help_text, required=old.required)
        form.fields[name].widget.attrs["placeholder"] = typing_hint(form.fields[name])
    limit_choosers([form.fields[n] for n in names], form.actor)


def typing_hint(field) -> str:
    """What a chooser's box asks for: "Type a school's name", "Type a meeting's title"."""
    return f"Type a {field.queryset.model._meta.verbose_name}'s {field.chooser.label}"


def choose_many_by_typing(form, *names):
    """Make each of ``names`` (links to several records) ticked boxes of the records named so far (untick to
    remove) and, after it, a ``ChosenOne`` adding one more each save (``<name>_add``): never a list of the whole
    district. ``ScopedModelForm.clean`` adds the one typed."""
    fields = {}
    for name, field in form.fields.items():
        fields[name] = field
        if name not in names:
            continue
        field.widget = forms.CheckboxSelectMultiple()
        offer(form, name, field.queryset.none())
        model = field.queryset.model
        add = fields[f"{name}_add"] = ChosenOne(CHOOSERS[model._meta.model_name], queryset=model.objects.all(),
                                                label=f"Add a {model._meta.verbose_name}")
        add.widget.attrs["placeholder"] = typing_hint(add)
        form.added[name] = f"{name}_add"
    form.fields = fields
    limit_choosers([fields[form.added[n]] for n in names], form.actor)


def chosen_ids(form, name) -> list:
    """The ids ``name`` holds: as sent (when bound), else as the page starts (the record's, or the query string's)."""
    if form.is_bound:
        key = form.add_prefix(name)
        values = form.data.getlist(key) if hasattr(form.data, "getlist") else [form.data.get(key)]
    else:
        value = form.initial.get(name)
        values = value if isinstance(value, list | tuple) else [value]
    return [pk for pk in (record_id(getattr(v, "pk", v)) for v in values) if pk is not None]


def offer(form, name, offered):
    """List in ``name``'s dropdown only the records of ``offered`` and those already chosen, not the whole district's;
    any record of the field's queryset (the actor's scope) is still accepted."""
    field = form.fields[name]
    shown = field.queryset.filter(Q(pk__in=offered.values("pk")) | Q(pk__in=chosen_ids(form, name))).distinct()
    empty = [("", field.empty_label)] if getattr(field, "empty_label", None) is not None else []
    field.widget.choices = [*empty, *((r.pk, field.label_from_instance(r)) for r in shown)]


def people_at(schools):
    """The people who hold (or held) a position at any of ``schools`` (ids)."""
    return m.Person.objects.filter(positions__school_id__in=[s for s in schools if s is not None])


class ScopedModelForm(forms.ModelForm):
    """A model form whose related-record choices come from the actor's scope only; the links named in ``typed``
    (``typed_many``) are chosen by typing, never listed (``choose_by_typing``, ``choose_many_by_typing``)."""

    typed = ()
    typed_many = ()

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.added = {}  # a list's name → the chooser adding one more to it (``choose_many_by_typing``)
        limit_choices(self.fields.values(), actor)
        choose_by_typing(self, *(name for name in self.typed if name in self.fields))  # (a part form may omit some)
        choose_many_by_typing(self, *(name for name in self.typed_many if name in self.fields))

    def clean(self):
        data = super().clean()
        for name, add in self.added.items():
            if data.get(add) is not None and name in data:
                data[name] = [*data[name], *({data[add]} - set(data[name]))]
        return data


class DistrictForm(ScopedModelForm):
    class Meta:
        model = m.District
        fields = ["name", "short_name", "region", "time_zone", "current_school_year", "smallest_group"]


class SchoolYearForm(ScopedModelForm):
    class Meta:
        model = m.SchoolYear
        fields = ["district", "name", "start", "end"]
        widgets = {"start": forms.DateInput(attrs={"type": "date"}), "end": forms.DateInput(attrs={"type": "date"})}


class SchoolForm(ScopedModelForm):
    class Meta:
        model = m.School
        fields = ["district", "name", "grades", "grade_band", "region", "types", "pseudonym", "synthetic"]
        widgets = {"types": forms.CheckboxSelectMultiple}


class DemographicForm(ScopedModelForm):
    typed = ("school",)

    class Meta:
        model = m.Demographic
        fields = ["school", "school_year", "measure", "value", "source"]


class SchoolYearFactsForm(ScopedModelForm):
    typed = ("school",)

    class Meta:
        model = m.SchoolYearFacts
        fields = ["school", "school_year", "grades", "grade_band", "source"]


class PersonForm(ScopedModelForm):
    class Meta:
        model = m.Person
        fields = ["district", "name", "email", "pseudonym", "synthetic"]


class PositionForm(ScopedModelForm):
    """A position; the people offered are those of the viewer's own schools and the one it is for (``?person=``)."""

    typed = ("school",)

    class Meta:
        model = m.Position
        fields = ["person", "district", "school", "kind", "title", "designation", "designation_start",
                  "designation_end", "organisation", "start", "end"]
        widgets = {name: forms.DateInput(attrs={"type": "date"})
                   for name in ("start", "end", "designation_start", "designation_end")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer(self, "person", people_at(self.actor.school_ids))


class TeamForm(ScopedModelForm):
    typed = ("school",)

    class Meta:
        model = m.Team
        fields = ["district", "school", "school_year", "kind", "name", "meeting_cadence", "synthetic"]


class TeamMembershipForm(ScopedModelForm):
    """A member of a team; the people offered are those of the team's school and of the viewer's own schools."""

    typed = ("team",)

    class Meta:
        model = m.TeamMembership
        fields = ["team", "person", "role", "start", "end"]
        widgets = {"start": forms.DateInput(attrs={"type": "date"}), "end": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        schools = m.Team.objects.filter(pk__in=chosen_ids(self, "team")).values_list("school_id", flat=True)
        offer(self, "person", people_at([*self.actor.school_ids, *schools]))


class LearningFocusAreaForm(ScopedModelForm):
    class Meta:
        model = m.LearningFocusArea
        fields = ["district", "name", "framework_element"]


class NetworkForm(ScopedModelForm):
    class Meta:
        model = m.Network
        fields = ["district", "school_year", "name", "kind", "focus_area", "parent", "facilitators", "ended_on",
                  "synthetic"]
        widgets = {"ended_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        """A sub-group's cohort is chosen by typing; the facilitators offered are the district's (by position)."""
        super().__init__(*args, **kwargs)
        from .filters import FACILITATORS

        choose_by_typing(self, "parent", kind="cohort")
        offer(self, "facilitators", FACILITATORS)


class NetworkMembershipForm(ScopedModelForm):
    typed = ("network", "school")

    class Meta:
        model = m.NetworkMembership
        fields = ["network", "school", "role", "returning", "left_on"]
        widgets = {"left_on": forms.DateInput(attrs={"type": "date"})}


class NoteForm(ScopedModelForm):
    """Writing a note never shares it: it stays at its rung until its author publishes it."""

    typed = ("team", "school", "network")

    class Meta:
        model = m.Note
        fields = ["district", "title", "body", "team", "school", "network"]
        help_texts = {
            "team": "The team this note is about (who “my team” is when you share it).",
            "school": "The school this note is about.",
            "network": "The network this note is about.",
        }


class LibraryForm(ScopedModelForm):
    """A data note or reference table: its district's, or (left empty, by a superuser only) the research library's,
    shared by every district."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        district = self.fields["district"]
        district.required = not self.actor.superuser
        district.empty_label = "None: from the research, shared by every district" if self.actor.superuser else None


class DataNoteForm(LibraryForm):
    class Meta:
        model = m.DataNote
        fields = ["district", "kind", "subject", "kept", "other", "note", "sources"]


class ReferenceTableForm(LibraryForm):
    """A reference table typed or pasted as text (or uploaded as CSV), one line per row; stored as JSON lists."""

    table = forms.CharField(
        required=False, strip=False, label="The table",  # not stripped: a pasted last row may end in empty cells
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        help_text="Paste it from a spreadsheet, or type it: the first line names the columns, each line after it "
                  "is a row. Cells are separated by tabs (as pasted) or commas (put a cell with a comma in quotes). "
                  "Cells are kept as text, exactly as typed.")
    upload = forms.FileField(required=False, label="…or upload a CSV file",
                             help_text="Replaces the table above. Save it from a spreadsheet as “CSV UTF-8”.")
    field_order = ["district", "title", "table", "upload", "source", "note"]

    class Meta:
        model = m.ReferenceTable
        fields = ["district", "title", "source", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial.setdefault("table", table_text(self.instance.columns, self.instance.rows))

    def clean(self):
        data = super().clean()
        upload, name = data.get("upload"), "table"
        text = data.get("table") or ""
        if not upload and "table" not in self.data and self.instance.pk:  # not sent at all: the table stays
            return data
        if upload:
            name = "upload"
            try:
                check_size(upload.size, settings.DISTRICTLAB_MAX_IMPORT_BYTES)
                text = upload.read().decode("utf-8-sig")
            except SpreadsheetError as exc:
                self.add_error(name, str(exc))
                return data
            except UnicodeDecodeError:
                self.add_error(name, f"“{upload.name}” is not CSV text in UTF-8: in the spreadsheet, save it as "
                                     "“CSV UTF-8” and upload that file.")
                return data
        try:
            self.instance.columns, self.instance.rows = read_table_text(text)
        except TableError as exc:
            for problem in exc.problems:
                self.add_error(name, problem)
        return data


class DesignationRuleForm(ScopedModelForm):
    class Meta:
        model = m.DesignationRule
        fields = ["district", "designation", "stipend", "term", "first_year", "max_term_years", "host_of",
                  "eligibility", "source"]


class ImportForm(forms.Form):
    KINDS = [("schools", "Schools"), ("people", "People and positions")]
    kind = forms.ChoiceField(choices=KINDS, label="What the file holds")
    file = forms.FileField(label="CSV or Excel (.xlsx) file")
