"""Forms for the practice library; choices limited to what the actor may see."""
from django import forms
from django.db import transaction

from districtlab.core.choosers import Chooser
from districtlab.org.forms import ScopedModelForm, chosen_ids, limit_choices, offer, people_at
from districtlab.org.models import District

from . import models as m

TEXT = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"})

# Practices chosen by name or id, each suggested with the school it comes from.
PRACTICES = Chooser("practice", m.Practice.objects.order_by("name"),
                    hint=lambda p: p.origin_school.name if p.origin_school else "", select=("origin_school",))


class PracticeForm(ScopedModelForm):
    """A practice; it takes its district from its origin school, and starts as its author's private draft."""

    class Meta:
        model = m.Practice
        fields = ["district", "name", "kind", "description", "origin_school", "origin_people", "focus_areas",
                  "grade_band", "design_element", "links", "team", "school", "network"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5}), "links": TEXT,
                   "origin_people": forms.SelectMultiple(attrs={"size": 6})}
        help_texts = {"team": "Who “my team” is when you share it.", "school": "Who “my school” is.",
                      "network": "Who “my network” is."}

    typed = ("origin_school", "team", "school", "network")

    def __init__(self, *args, **kwargs):
        """Makers are offered from the practice's origin school and the viewer's own schools, not the district."""
        super().__init__(*args, **kwargs)
        offer(self, "origin_people", people_at([*self.actor.school_ids, self.instance.origin_school_id]))

    def clean(self):
        data = super().clean()
        for name in ("origin_school", "team", "school", "network"):
            related = data.get(name)
            if related is not None and data.get("district") and related.district_id != data["district"].pk:
                self.add_error(name, f"That {related._meta.verbose_name} belongs to another district.")
        return data


class PracticePartForm(ScopedModelForm):
    """Something about one practice (``?practice=`` from its page), chosen by typing; the versions offered are that
    practice's, the people offered those of its origin school and the viewer's own schools."""

    typed = ("practice", "school")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        practices = m.Practice.objects.filter(pk__in=chosen_ids(self, "practice"))
        for name in {"parent", "version"} & set(self.fields):
            self.fields[name].queryset = self.fields[name].queryset.select_related("practice")  # named with it
            offer(self, name, m.Version.objects.filter(practice__in=practices))
        if "by" in self.fields:
            schools = [*self.actor.school_ids, *practices.values_list("origin_school_id", flat=True),
                       *chosen_ids(self, "school")]
            offer(self, "by", people_at(schools))


class VersionForm(PracticePartForm):
    class Meta:
        model = m.Version
        fields = ["practice", "number", "parent", "what_changed", "why", "by", "school", "date"]
        widgets = {"what_changed": TEXT, "why": TEXT, "date": DATE}


class EvidenceForm(PracticePartForm):
    class Meta:
        model = m.PracticeEvidence
        fields = ["practice", "kind", "nature", "basis", "description", "school", "date"]
        widgets = {"description": TEXT, "date": DATE}


class AdoptionForm(PracticePartForm):
    """An adoption; if the school adapted it, say what changed and why, and the adaptation becomes a new
    version whose parent is the version taken."""

    typed = ("practice", "school", "from_school", "meeting")

    what_changed = forms.CharField(required=False, widget=TEXT, label="If adapted: what changed")
    why = forms.CharField(required=False, widget=TEXT, label="If adapted: why")

    class Meta:
        model = m.Adoption
        fields = ["practice", "version", "school", "from_school", "through", "meeting", "date", "by", "status",
                  "status_date", "abandoned_reason", "note"]
        widgets = {"date": DATE, "status_date": DATE, "abandoned_reason": TEXT, "note": TEXT}

    def clean(self):
        data = super().clean()
        if data.get("why") and not data.get("what_changed"):
            self.add_error("what_changed", "Say what changed in the adaptation.")
        return data

    @transaction.atomic
    def save(self, commit=True):
        adoption = super().save(commit=False)
        what = self.cleaned_data.get("what_changed")
        if what and adoption.adapted_as_id is None:
            last = adoption.practice.versions.order_by("-number").first()
            adoption.adapted_as = m.Version.objects.create(
                practice=adoption.practice, number=last.number + 1, parent=adoption.version, what_changed=what,
                why=self.cleaned_data.get("why", ""), by=adoption.by, school=adoption.school, date=adoption.date)
        if commit:
            adoption.save()
        return adoption


class ShareOutForm(ScopedModelForm):
    typed = ("school", "practice", "meeting")

    class Meta:
        model = m.ShareOut
        fields = ["district", "school", "practice", "meeting", "date", "summary", "evidence", "challenges",
                  "successes"]
        widgets = {"date": DATE, "summary": TEXT}


class ConventionForm(ScopedModelForm):
    typed = ("school",)
    typed_many = ("practices", "meetings", "cycles")

    class Meta:
        model = m.Convention
        fields = ["district", "title", "level", "school", "date", "description", "practices", "meetings", "cycles"]
        widgets = {"date": DATE, "description": TEXT}


class FlowForm(forms.Form):
    """The knowledge-flow page's choices: a district and a date range (by default its whole record, from its
    first school year to the end of its current one)."""

    district = forms.ModelChoiceField(District.objects.none(), required=False, empty_label=None)
    start = forms.DateField(required=False, widget=DATE, label="From")
    end = forms.DateField(required=False, widget=DATE, label="To")

    def __init__(self, data, *, actor):
        super().__init__(data)
        self.fields["district"].queryset = District.objects.order_by("name")
        limit_choices(self.fields.values(), actor)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end cannot come before the start.")
        district = data.get("district") or self.fields["district"].queryset.first()
        if district is not None and not self.errors:
            data["district"] = district
            first = district.school_years.order_by("start").first()
            last = district.current_school_year or district.school_years.order_by("start").last()
            data["start"] = data.get("start") or (first.start if first else None)
            data["end"] = data.get("end") or (last.end if last else None)
        return data
