"""Forms for the organisation's records; choices are limited to what the actor may see."""
from django import forms

from districtlab.core.permissions import policy_for, scope

from . import models as m


def limit_choices(fields, actor):
    """Limit every related-record choice to the actor's scope; name people by pseudonym where required."""
    for field in fields:
        if not isinstance(field, forms.ModelChoiceField):
            continue
        try:
            policy_for(field.queryset.model)
        except LookupError:
            continue
        field.queryset = scope(actor, field.queryset)
        if actor.pseudonymous and field.queryset.model is m.Person:
            field.label_from_instance = lambda person: person.research_id


class ScopedModelForm(forms.ModelForm):
    """A model form whose related-record choices come from the actor's scope only."""

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        limit_choices(self.fields.values(), actor)


class DistrictForm(ScopedModelForm):
    class Meta:
        model = m.District
        fields = ["name", "short_name", "region", "time_zone", "current_school_year"]


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
    class Meta:
        model = m.Demographic
        fields = ["school", "school_year", "measure", "value", "source"]


class PersonForm(ScopedModelForm):
    class Meta:
        model = m.Person
        fields = ["district", "name", "email", "pseudonym", "synthetic"]


class PositionForm(ScopedModelForm):
    class Meta:
        model = m.Position
        fields = ["person", "district", "school", "kind", "title", "designation", "organisation", "start", "end"]
        widgets = {"start": forms.DateInput(attrs={"type": "date"}), "end": forms.DateInput(attrs={"type": "date"})}


class TeamForm(ScopedModelForm):
    class Meta:
        model = m.Team
        fields = ["district", "school", "school_year", "kind", "name", "meeting_cadence", "synthetic"]


class TeamMembershipForm(ScopedModelForm):
    class Meta:
        model = m.TeamMembership
        fields = ["team", "person", "role", "start", "end"]
        widgets = {"start": forms.DateInput(attrs={"type": "date"}), "end": forms.DateInput(attrs={"type": "date"})}


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


class NetworkMembershipForm(ScopedModelForm):
    class Meta:
        model = m.NetworkMembership
        fields = ["network", "school", "role", "returning", "left_on"]
        widgets = {"left_on": forms.DateInput(attrs={"type": "date"})}


class NoteForm(ScopedModelForm):
    """Writing a note never shares it: it stays at its rung until its author publishes it."""

    class Meta:
        model = m.Note
        fields = ["district", "title", "body", "team", "school", "network"]
        help_texts = {
            "team": "The team this note is about (who “my team” is when you share it).",
            "school": "The school this note is about.",
            "network": "The network this note is about.",
        }

    def clean(self):
        data = super().clean()
        team = data.get("team")
        if team and data.get("school") and team.school_id and team.school_id != data["school"].pk:
            self.add_error("school", "That team belongs to another school.")
        elif team and team.school_id and not data.get("school"):
            data["school"] = team.school
        return data


class DataNoteForm(ScopedModelForm):
    class Meta:
        model = m.DataNote
        fields = ["district", "kind", "subject", "kept", "other", "note", "sources"]


class ReferenceTableForm(ScopedModelForm):
    class Meta:
        model = m.ReferenceTable
        fields = ["district", "title", "columns", "rows", "source", "note"]
        help_texts = {"columns": 'A JSON list of column names: ["Measure", "LPP", "DOE"].',
                      "rows": 'A JSON list of rows, one text per column: [["% ELL", "13%", "13%"]].'}


class DesignationRuleForm(ScopedModelForm):
    class Meta:
        model = m.DesignationRule
        fields = ["district", "designation", "stipend", "term", "eligibility", "source"]


class ImportForm(forms.Form):
    KINDS = [("schools", "Schools"), ("people", "People and positions")]
    kind = forms.ChoiceField(choices=KINDS, label="What the file holds")
    file = forms.FileField(label="CSV or Excel (.xlsx) file")
