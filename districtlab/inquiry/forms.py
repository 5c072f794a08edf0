"""Forms for a team's inquiry. Context (district, school, team, network) comes from the team or the parent."""

from django import forms

from districtlab.analysis.spc import CHARTS
from districtlab.core.choosers import Chooser, ChooserField, PeopleChooser, PeopleField, record_id
from districtlab.core.permissions import scope
from districtlab.org.filters import network_chooser
from districtlab.org.forms import ScopedModelForm, choose_by_typing, limit_choices
from districtlab.org.models import District, Network, NetworkMembership, Person, SchoolYear

from . import models as m
from .panels import inquiry_teams_q

TEXTAREA = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"})


def team_of(record) -> str:
    return record.team.name if record.team else ""


# A team's problems, goals and cycles, chosen by what they say (or their id), each suggested with its team.
PROBLEMS = Chooser("problemofpractice", m.ProblemOfPractice.objects.order_by("-pk"), search=("statement",),
                   label="statement", hint=team_of, select=("team",))
GOALS = Chooser("yeargoal", m.YearGoal.objects.order_by("-pk"), search=("statement",), label="statement",
                hint=team_of, select=("team",))
CYCLES = Chooser("cycle", m.Cycle.objects.order_by("-started", "title"), search=("title",), label="title",
                 hint=team_of, select=("team",))


class InheritContextForm(ScopedModelForm):
    """An authored record under another one takes its district, team, school and network (not its rung: a new
    record is its author's private draft)."""

    parent_field = ""

    def clean(self):
        data = super().clean()
        parent = data.get(self.parent_field)
        if parent is not None:
            for name in ("district", "team", "school", "network"):
                setattr(self.instance, name, getattr(parent, name))
        return data


class ProblemForm(ScopedModelForm):
    class Meta:
        model = m.ProblemOfPractice
        fields = ["team", "school_year", "focus_area", "statement", "how_decided", "lfa_relation", "host_support",
                  "team_roles", "norms"]
        widgets = {f: TEXTAREA for f in ["statement", "how_decided", "lfa_relation", "host_support", "team_roles",
                                         "norms"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].required = True
        teams = self.fields["team"].queryset.filter(school__isnull=False)
        if not self.actor.superuser:  # a team's own members, or its school's principal
            teams = teams.filter(inquiry_teams_q(self.actor))
        self.fields["team"].queryset = teams
        self.fields["team"].help_text = "The school team whose inquiry this is."

    def clean(self):
        """The problem takes its context from its team; its rules are the model's (``ProblemOfPractice.clean``)."""
        data = super().clean()
        team, year = data.get("team"), data.get("school_year")
        if team:
            self.instance.district, self.instance.team, self.instance.school = team.district, team, team.school
            self.instance.network = NetworkMembership.objects.network_of(team.school, year)
        return data


class ProblemStartForm(ProblemForm):
    """The guide's first step: whose problem, which year, and the problem itself."""

    class Meta(ProblemForm.Meta):
        fields = ["team", "school_year", "focus_area", "statement"]


class GoalForm(InheritContextForm):
    parent_field = "problem"
    typed = ("problem",)

    class Meta:
        model = m.YearGoal
        fields = ["problem", "statement"]
        widgets = {"statement": TEXTAREA}


class CycleForm(InheritContextForm):
    parent_field = "goal"
    typed = ("goal",)

    class Meta:
        model = m.Cycle
        fields = ["goal", "title", "stage", "started", "ended", "smaller_goal", "prediction", "implementation_notes",
                  "results", "next_step", "next_step_thinking", "lessons"]
        widgets = {"started": DATE, "ended": DATE, **{f: TEXTAREA for f in [
            "smaller_goal", "prediction", "implementation_notes", "results", "next_step_thinking", "lessons"]}}


class CycleStartForm(CycleForm):
    """The guide's first step: the cycle's goal and dates; the rest comes a step at a time.

    Started from a team (``?team=&school_year=``, as the home and team pages link), the goals offered are that
    team's for that year, the only one already chosen; otherwise the goal is chosen by typing what it says."""

    typed = ()  # a list of the team's goals for the year when started from a team (``__init__``)
    team = forms.IntegerField(required=False, widget=forms.HiddenInput)
    school_year = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta(CycleForm.Meta):
        fields = ["goal", "title", "smaller_goal", "started", "ended"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        source = self.data if self.is_bound else self.initial
        team, year = (record_id(source.get(name)) for name in ("team", "school_year"))
        goals = self.fields["goal"].queryset.none()
        if team is not None and year is not None:
            goals = self.fields["goal"].queryset.filter(problem__team_id=team, problem__school_year_id=year)
        if not goals.exists():
            choose_by_typing(self, "goal")
            return
        self.fields["goal"].queryset = goals
        if not self.is_bound and not self.initial.get("goal") and len(goals[:2]) == 1:
            self.initial["goal"] = goals[0].pk


class ChangeIdeaForm(ScopedModelForm):
    typed = ("cycle",)

    class Meta:
        model = m.ChangeIdea
        fields = ["cycle", "description"]
        widgets = {"description": TEXTAREA}


class EvidenceForm(ScopedModelForm):
    typed = ("problem", "cycle")

    class Meta:
        model = m.Evidence
        fields = ["problem", "cycle", "kind", "nature", "basis", "description"]
        widgets = {"description": TEXTAREA}


class MeasureForm(ScopedModelForm):
    typed = ("cycle",)
    chart = forms.ChoiceField(choices=[("run", "Run chart")] + [(c, f"{c.upper()} control chart") for c in CHARTS],
                              initial="run", help_text="Run charts need no assumptions; control charts suit stable, "
                                                       "plentiful data (p/u need a denominator).")

    class Meta:
        model = m.Measure
        fields = ["cycle", "name", "unit", "direction", "data_source", "nature", "chart"]


class DataEntryForm(forms.Form):
    MODES = [("append", "Add after the existing points"), ("replace", "Replace all points")]
    mode = forms.ChoiceField(choices=MODES, initial="append", widget=forms.RadioSelect)
    pasted = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 6}), label="Paste rows from a spreadsheet",
        help_text="One row per point: label (a date or a name), value, and optionally denominator and part, "
                  "separated by tabs or commas. A header row x, y, n, part is optional.")
    file = forms.FileField(required=False, label="…or upload a CSV or Excel file (columns x, y, n, part)")

    def clean(self):
        data = super().clean()
        if not data.get("pasted", "").strip() and not data.get("file"):
            raise forms.ValidationError("Paste some rows or choose a file.")
        return data




# The part each guide step may add: its form, the fields naming its whole (the step fills them in), and
# the whole's name for its parts.
PARTS = {
    "evidence": (EvidenceForm, ("problem", "cycle"), "evidence"),
    "goal": (GoalForm, ("problem",), "goals"),
    "change_idea": (ChangeIdeaForm, ("cycle",), "change_ideas"),
    "measure": (MeasureForm, ("cycle",), "measures"),
}


def part_form(key, record, actor, data=None):
    """An optional form adding one part to ``record`` (left blank, it adds nothing)."""
    base, wholes, _ = PARTS[key]
    fields = [f for f in base._meta.fields if f not in wholes]
    form_class = forms.modelform_factory(base._meta.model, form=base, fields=fields)
    instance = form_class._meta.model()
    for name in wholes:
        if isinstance(record, instance._meta.get_field(name).related_model):
            setattr(instance, name, record)
    if isinstance(record, m.ProblemOfPractice | m.YearGoal | m.Cycle) and hasattr(instance, "author_id"):
        instance.author = actor.person  # its author's private draft, whatever the record's rung
        for name in ("district", "team", "school", "network"):
            setattr(instance, name, getattr(record, name))
    return form_class(data, instance=instance, actor=actor, prefix="add", empty_permitted=True,
                      use_required_attribute=False)


def step_form(record, fields, actor, data=None):
    """The record's fields for one guide step, with the widgets of its full form."""
    full = {m.ProblemOfPractice: ProblemForm, m.Cycle: CycleForm}[type(record)]
    form_class = forms.modelform_factory(type(record), form=ScopedModelForm, fields=list(fields),
                                         widgets=full._meta.widgets)
    return form_class(data, instance=record, actor=actor)


class CycleExpectationForm(ScopedModelForm):
    class Meta:
        model = m.CycleExpectation
        fields = ["district", "cycles_per_year", "first_cycle_weeks"]


PROGRAM_NETWORKS = network_chooser("program-network", Network.objects.program())


class FacilitatorChooser(PeopleChooser):
    """A school year's facilitators, chosen by typing (New York has hundreds a year: no dropdown of them all)."""

    def in_year(self, qs, year: str):
        """Those who facilitate a network of ``year`` (by id or name); a person facilitating several is one row."""
        year = year.strip()
        if not year or "\x00" in year or len(year) > 18:
            return qs
        key = "id" if year.isascii() and year.isdigit() else "name"
        return qs.filter(pk__in=Network.facilitators.through.objects.filter(
            **{f"network__school_year__{key}": year}).values("person_id"))


FACILITATORS = FacilitatorChooser("facilitator", Person.objects.filter(pk__in=Network.facilitators.through.objects
                                                                      .values("person_id")).order_by("name"),
                                  year_field="network__school_year")


class ProgressFilter(forms.Form):
    """The dashboard's filters: a school year (the current one by default), one of its networks and one of its
    facilitators (each by name or id, suggested as one types)."""

    year = forms.ModelChoiceField(SchoolYear.objects.none(), required=False, empty_label=None)
    network = ChooserField(PROGRAM_NETWORKS, queryset=Network.objects.none(),
                           error_messages={"invalid_choice": "That is not one of this year's networks."})
    facilitator = PeopleField(FACILITATORS, queryset=Person.objects.none(), error_messages={
        "invalid_choice": "That is not one of this year's facilitators."})

    def __init__(self, data, *, actor):
        super().__init__(data)
        self.fields["year"].queryset = SchoolYear.objects.select_related("district").order_by("district__name",
                                                                                               "-start")
        self.fields["year"].label_from_instance = lambda y: f"{y.name} ({y.district.short_name})"
        self.fields["year"].initial = scope(actor, District.objects.exclude(current_school_year=None)).values_list(
            "current_school_year", flat=True).first()
        chosen = str(self.data.get("year") or "")
        year = int(chosen) if chosen.isdigit() else self.fields["year"].initial
        limit_choices(self.fields.values(), actor)  # only what the actor may see
        self.fields["network"].queryset = scope(actor, Network.objects.program().filter(school_year_id=year))
        self.fields["network"].widget.attrs["placeholder"] = "All networks"
        facilitator = self.fields["facilitator"]
        facilitator.actor = actor
        facilitator.queryset = FACILITATORS.in_year(scope(actor, FACILITATORS.queryset), str(year or ""))
        facilitator.widget.attrs["placeholder"] = "All facilitators"

    def clean(self):
        data = super().clean()
        if not data.get("year") and not self.errors:
            data["year"] = self.fields["year"].queryset.filter(pk=self.fields["year"].initial).first() or (
                self.fields["year"].queryset.first())
        return data
