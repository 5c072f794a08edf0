"""Forms for building surveys. A part is added from its survey's page (``?survey=``, ``?section=``, ``?scale=``):
its form offers that survey's sections, questions and scales, never the district's."""
from django import forms

from districtlab.org.forms import ScopedModelForm, chosen_ids, offer

from . import models as m

TEXT = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"})


class OfParentForm(ScopedModelForm):
    """A part added from its parent's page (``?survey=``, ``?outcome=``): the parent offered is that one alone."""

    parent = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields[self.parent]
        if field.queryset.model is m.Survey:  # named with its school year and version
            field.queryset = field.queryset.select_related("school_year")
        offer(self, self.parent, field.queryset.filter(pk__in=chosen_ids(self, self.parent)))


class SurveyForm(ScopedModelForm):
    """A survey's title, mode, window and audience; its questions are added on its page."""

    audience_roles = forms.MultipleChoiceField(
        choices=m.AUDIENCE_ROLES, required=False, widget=forms.CheckboxSelectMultiple, label="Roles",
        help_text="Everyone with one of these roles in the school year (none ticked: every role).")

    class Meta:
        model = m.Survey
        fields = ["district", "school_year", "school", "title", "introduction", "mode", "opens", "closes", "minimum_group",
                  "audience_roles", "audience_schools", "audience_networks", "audience_returning"]
        widgets = {"introduction": TEXT, "opens": DATE, "closes": DATE, "mode": forms.RadioSelect}
        help_texts = {"audience_schools": "Only these schools (none: every school).",
                      "audience_networks": "Only the schools of these networks (none: every network)."}

    typed = ("school",)
    typed_many = ("audience_schools", "audience_networks")

    def __init__(self, *args, **kwargs):
        """A new survey starts at its district's smallest group (that of the viewer's first district)."""
        super().__init__(*args, **kwargs)
        district = self.fields["district"].queryset.first()
        if self.instance.pk is None and district is not None and "minimum_group" not in self.initial:
            self.initial["minimum_group"] = district.smallest_group

    def clean(self):
        data = super().clean()
        district = data.get("district")
        if district and data.get("school") and data["school"].district_id != district.pk:
            self.add_error("school", "That school is in another district.")
        for name in ("audience_schools", "audience_networks"):
            if district and any(record.district_id != district.pk for record in data.get(name) or ()):
                self.add_error(name, "Choose only the survey's own district's.")
        return data


class SectionForm(OfParentForm):
    parent = "survey"

    class Meta:
        model = m.Section
        fields = ["survey", "number", "title", "introduction"]
        widgets = {"introduction": TEXT}


class ItemForm(ScopedModelForm):
    """A question; the sections offered are those of the survey it is added to."""

    class Meta:
        model = m.Item
        fields = ["section", "number", "kind", "prompt", "help", "required", "options", "statements"]
        widgets = {"prompt": forms.Textarea(attrs={"rows": 2}), "options": forms.Textarea(attrs={"rows": 5}),
                   "statements": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer(self, "section", m.Section.objects.filter(survey__sections__in=chosen_ids(self, "section")))
        self.fields["section"].queryset = self.fields["section"].queryset.select_related("survey")


class ScaleForm(OfParentForm):
    parent = "survey"

    class Meta:
        model = m.Scale
        fields = ["survey", "name", "description"]
        widgets = {"description": TEXT}


class ScaleItemForm(ScopedModelForm):
    """A statement added to a scale: the questions offered are the scale's survey's agreement-scale questions."""

    class Meta:
        model = m.ScaleItem
        fields = ["scale", "item", "row", "reverse"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scales = chosen_ids(self, "scale")
        offer(self, "scale", m.Scale.objects.filter(survey__scales__in=scales))
        offer(self, "item", m.Item.objects.filter(section__survey__scales__in=scales, kind__in=m.Item.ON_A_SCALE))
        self.fields["item"].queryset = self.fields["item"].queryset.select_related("section")


class OutcomeForm(ScopedModelForm):
    class Meta:
        model = m.Outcome
        fields = ["district", "number", "name", "description"]
        widgets = {"description": TEXT}


class IndicatorForm(OfParentForm):
    """An indicator of the outcome it is added to."""

    parent = "outcome"

    class Meta:
        model = m.Indicator
        fields = ["outcome", "measure", "name", "target", "survey_title", "scale_name", "school_measure"]


class SurveyEvidenceForm(ScopedModelForm):
    """A survey's results offered as evidence for one cycle, practice or network (``?cycle=`` and the like from its
    page); the surveys offered are the district's open and closed ones the person may read."""

    class Meta:
        model = m.SurveyEvidence
        fields = ["survey", "scale", "cycle", "practice", "network", "note"]
        widgets = {"note": TEXT}
        help_texts = {"note": "Whoever sees that cycle, practice or network will read the survey's figure "
                              "and this note."}

    typed = ("cycle", "practice", "network")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .policies import SURVEYS

        readable = [s.pk for s in self.fields["survey"].queryset.exclude(status=m.Survey.Status.DRAFT)
                    .select_related("school_year")[:200] if SURVEYS.reads_results(self.actor, s)]
        self.fields["survey"].queryset = self.fields["survey"].queryset.filter(pk__in=readable).select_related(
            "school_year")
        self.fields["scale"].queryset = self.fields["scale"].queryset.filter(survey__in=readable)
        if self.instance.pk is None:
            self.instance.added_by = self.actor.person
