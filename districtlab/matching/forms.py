"""Forms of the program's annual cycle (issue 14): calls, schools' applications, review (rubric, scores, host visits,
decisions). Every choice is limited to the call's district and to what the actor may use."""
from django import forms
from django.core.exceptions import ValidationError

from districtlab.core.choosers import ChooserField
from districtlab.core.history import SEEN
from districtlab.core.people import name_for
from districtlab.core.roles import POSITION_ROLE
from districtlab.org import models as org
from districtlab.org.filters import SCHOOLS
from districtlab.org.forms import ScopedModelForm, chosen_ids

from . import models as m
from .policies import REVIEWERS

DATE = forms.DateInput(attrs={"type": "date"})
TEXT = forms.Textarea(attrs={"rows": 3})
ANSWER_LENGTH = 5000  # characters in one answer
TEXT_LENGTH = 20000  # characters in a call's introduction, questions or agreement


def question_field(index: int) -> str:
    return f"answer_{index}"


class CallForm(ScopedModelForm):
    """A call for applications: its district's school year, dates, what it offers and asks."""

    class Meta:
        model = m.Call
        fields = ["district", "school_year", "title", "opens", "closes", "offers_host", "offers_partner",
                  "focus_areas", "introduction", "questions", "years_before_graduation", "partners_min",
                  "partners_max", "weight_lfa", "weight_grade", "weight_borough", "networks_per_facilitator",
                  "schools_per_facilitator", "agreement"]
        widgets = {"opens": DATE, "closes": DATE, "focus_areas": forms.CheckboxSelectMultiple,
                   "questions": forms.Textarea(attrs={"rows": 5}), "introduction": TEXT, "agreement": TEXT}
        error_messages = {"focus_areas": {"required": "Offer at least one focus area for schools to rank."}}

    def clean(self):
        data = super().clean()
        district = data.get("district")
        for name in ("introduction", "questions", "agreement"):
            if len(data.get(name) or "") > TEXT_LENGTH:
                self.add_error(name, f"Keep this under {TEXT_LENGTH:,} characters.")
        if district is not None:
            other = [f.name for f in data.get("focus_areas") or [] if f.district_id != district.pk]
            if other:
                self.add_error("focus_areas", "These focus areas belong to another district: " + ", ".join(other))
        return data


class RubricCriterionForm(ScopedModelForm):
    class Meta:
        model = m.RubricCriterion
        fields = ["call", "name", "description", "points", "order"]
        widgets = {"description": TEXT}

    def clean(self):
        data = super().clean()
        call, name = data.get("call") or getattr(self.instance, "call", None), data.get("name")
        if call is not None and name and m.RubricCriterion.objects.filter(call=call, name__iexact=name.strip()).exclude(
                pk=self.instance.pk).exists():
            self.add_error("name", f"The rubric already has a criterion called “{name}”.")
        return data

    def clean_points(self):
        points = self.cleaned_data.get("points")
        if points is not None and not 1 <= points <= 100:
            raise ValidationError("Give a criterion between 1 and 100 points.")
        return points


class ChosenSchools(forms.ModelMultipleChoiceField):
    """The schools an application names (wanted or not), as ticked boxes of those already named only, never the
    whole district: a school is added by typing its name in the chooser beside it (``ApplicationForm.ADD``)."""

    widget = forms.CheckboxSelectMultiple

    def show(self, schools):
        """Offer ``schools`` (those named) as the boxes; any school of ``queryset`` is still accepted."""
        self.widget.choices = [(s.pk, s.name) for s in schools]


class ApplicationForm(forms.ModelForm):
    """A school's application, as its principal fills it in. Saving a draft checks only that each value is one the
    call offers; submitting also asks for what a complete application has (``complete``).

    The schools wanted or not wanted are chosen by typing (New York has 1,800 schools: no list of them all): each
    list shows the schools named so far, ticked (untick to remove), and a chooser adds one more each save."""

    ADD = {"want": "want_add", "avoid": "avoid_add"}

    want = ChosenSchools(org.School.objects.none(), required=False, label="Schools we want to work with")
    avoid = ChosenSchools(org.School.objects.none(), required=False, label="Schools we would rather not work with")
    want_add = ChooserField(SCHOOLS, queryset=org.School.objects.none(), label="Add a school we want to work with",
                            error_messages={"invalid_choice": "No school of the district is called that."})
    avoid_add = ChooserField(SCHOOLS, queryset=org.School.objects.none(),
                             label="Add a school we would rather not work with",
                             error_messages={"invalid_choice": "No school of the district is called that."})

    class Meta:
        model = m.Application
        fields = ["role", "lfa_1", "lfa_2", "lfa_3", "want", "avoid", "team", "returning"]
        widgets = {"team": forms.CheckboxSelectMultiple, "role": forms.RadioSelect, "returning": forms.RadioSelect}
        labels = {"role": "Apply as", "returning": "Next year"}

    def __init__(self, *args, actor, in_program: bool, graduates: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        app = self.instance
        call, school = app.call, app.school
        roles = [(v, label) for v, label in m.Application.Role.choices
                 if v == m.Application.Role.EITHER and call.offers_host and call.offers_partner
                 or v == m.Application.Role.HOST and call.offers_host
                 or v == m.Application.Role.PARTNER and call.offers_partner]
        self.fields["role"].choices = roles
        self.fields["role"].error_messages["required"] = "Choose the role your school applies for."
        if app.role not in dict(roles):
            self.initial["role"] = roles[0][0]
        areas = call.focus_areas.order_by("name")
        for name in ("lfa_1", "lfa_2", "lfa_3"):
            self.fields[name].queryset = areas
            self.fields[name].label_from_instance = lambda f: (f"{f.name} ({f.framework_element})"
                                                              if f.framework_element else f.name)
        others = org.School.objects.filter(district_id=call.district_id).exclude(pk=school.pk).order_by("name")
        for name, add in self.ADD.items():
            self.fields[name].queryset = self.fields[add].queryset = others
            self.fields[name].show(self.named(name, others))
            self.fields[add].widget.attrs["placeholder"] = "Type a school's name"
        self.fields["team"].queryset = (org.Person.objects.filter(positions__school=school).distinct()
                                        .order_by("name"))
        self.fields["team"].label_from_instance = lambda p: name_for(actor, p)
        self.fields["team"].required = False
        self.in_program, self.graduates = in_program, graduates
        if in_program:
            self.fields["returning"].choices = [c for c in m.Application.Returning.choices if c[0]]
            if graduates:
                self.fields["returning"].help_text = (f"{school} has been in the program {call.years_before_graduation}"
                                                      " years: it graduates and cannot continue.")
        else:
            del self.fields["returning"]
        self.questions = call.question_list
        for i, question in enumerate(self.questions):
            self.fields[question_field(i)] = forms.CharField(
                label=question, required=False, max_length=ANSWER_LENGTH, widget=forms.Textarea(attrs={"rows": 4}),
                initial=(app.answers or {}).get(question, ""))

    def named(self, name, others) -> list:
        """The schools a list shows: those ticked in the data sent (when bound), else those the application names."""
        if self.is_bound:
            ids = chosen_ids(self, name)
            return list(others.filter(pk__in=ids)) if ids else []
        return list(getattr(self.instance, name).order_by("name")) if self.instance.pk else []

    def answer_fields(self):
        return [self[question_field(i)] for i in range(len(self.questions))]

    def clean(self):
        data = super().clean()
        for name, add in self.ADD.items():
            found = data.get(add)
            if found is None:
                continue
            if len(found[:2]) > 1:
                self.add_error(add, f"Several schools are called something like “{self.data.get(add)}”: type more of "
                                    "the name, or choose one of the suggestions.")
            elif name in data:
                data[name] = [*data[name], *(s for s in found if s not in data[name])]
        want, avoid = set(data.get("want") or []), set(data.get("avoid") or [])
        if both := want & avoid:
            self.add_error("avoid", "A school cannot be both wanted and not wanted: "
                           + ", ".join(sorted(s.name for s in both)))
        if self.graduates and data.get("returning") == m.Application.Returning.CONTINUE:
            self.add_error("returning", f"{self.instance.school} graduates from the program after "
                                        f"{self.instance.call.years_before_graduation} years: it cannot continue.")
        return data

    def _post_clean(self):
        super()._post_clean()
        self.instance.answers = {q: self.cleaned_data.get(question_field(i), "")
                                 for i, q in enumerate(self.questions)}

    def complete(self) -> bool:
        """What a submitted application needs, said beside each field: a role, a first focus area, every question
        answered (a school leaving the program needs only to say so)."""
        data = self.cleaned_data
        if self.in_program and not data.get("returning"):
            self.add_error("returning", "Say whether your school continues or leaves the program.")
            return False
        if data.get("returning") == m.Application.Returning.LEAVE:
            return not self.errors
        if not data.get("role"):
            self.add_error("role", "Choose the role your school applies for.")
        if not data.get("lfa_1"):
            self.add_error("lfa_1", "Choose your first focus area.")
        for i, _ in enumerate(self.questions):
            if not (data.get(question_field(i)) or "").strip():
                self.add_error(question_field(i), "Answer this question before you submit.")
        return not self.errors


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[c for c in m.Application.Decision.choices if c[0]], widget=forms.RadioSelect)
    reason = forms.CharField(required=False, widget=TEXT, max_length=ANSWER_LENGTH,
                             help_text="Required when wait-listing or declining; the school reads it.")

    def clean(self):
        data = super().clean()
        if data.get("decision") in (m.Application.Decision.WAITLISTED, m.Application.Decision.DECLINED) and not (
                data.get("reason") or "").strip():
            self.add_error("reason", "Give the reason for wait-listing or declining.")
        return data


class ScoreForm(forms.Form):
    """One reviewer's scores of one application: a number and a comment per criterion of the call's rubric."""

    def __init__(self, *args, criteria, scores, seen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        if seen is not None:  # the latest change of these scores the page showed (``core.history.SEEN``)
            self.fields[SEEN] = forms.IntegerField(widget=forms.HiddenInput, initial=seen, required=False)
        for c in self.criteria:
            given = scores.get(c.pk)
            self.fields[f"points_{c.pk}"] = forms.IntegerField(
                label=f"{c.name} (0 to {c.points})", min_value=0, max_value=c.points, required=False,
                help_text=c.description, initial=given.points if given else None)
            self.fields[f"comment_{c.pk}"] = forms.CharField(
                label=f"Comment on {c.name}", required=False, max_length=ANSWER_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}), initial=given.comment if given else "")

    def rows(self):
        return [(c, self[f"points_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]


class HostVisitForm(ScopedModelForm):
    class Meta:
        model = m.HostVisit
        fields = ["visited_on", "visitors", "notes", "recommendation"]
        widgets = {"visited_on": DATE, "notes": forms.Textarea(attrs={"rows": 5}),
                   "visitors": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        district = self.instance.application.call.district_id
        program_staff = [k for k, role in POSITION_ROLE.items() if role in REVIEWERS]
        self.fields["visitors"].queryset = self.fields["visitors"].queryset.filter(
            positions__district_id=district, positions__kind__in=program_staff).distinct().order_by("name")
        self.fields["notes"].max_length = TEXT_LENGTH
