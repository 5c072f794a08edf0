"""Search and filters for the organisation's lists, shared by pages and the API."""
import django_filters as df
from django.db.models import Exists, OuterRef, Q

from districtlab.core.choosers import Chooser, ChooserFilter, PeopleChooser, limit_choosers
from districtlab.core.permissions import ANONYMOUS, actor_for, scope
from districtlab.core.roles import PositionKind

from . import models as m
from .forms import limit_choices


def network_chooser(kind, queryset):
    """Networks chosen by name or id, each suggested with its school year and kept to the form's year if it has one."""
    return Chooser(kind, queryset.order_by("name", "-school_year__start"), hint=lambda n: n.school_year.name,
                   year_field="school_year", select=("school_year",))


# Filters that would list a whole district take a school or network by name or id, suggested as one types.
SCHOOLS = Chooser("school", m.School.objects.order_by("name"))
NETWORKS = network_chooser("network", m.Network.objects.all())
COHORTS = network_chooser("cohort", m.Network.objects.filter(kind=m.Network.Kind.COHORT))
# People who sign in (who may change records), by name (pseudonym for researchers): the history's "Changed by".
SIGNED_IN = PeopleChooser("signed-in-person", m.Person.objects.filter(user__isnull=False).order_by("name"))
# Found from the facilitators' positions (an index), not by joining every person of the district to theirs.
FACILITATORS = m.Person.objects.filter(pk__in=m.Position.objects.filter(kind=PositionKind.FACILITATOR).values("person"))


class ActorFilterSet(df.FilterSet):
    """A FilterSet whose choices come from the actor's scope, so a record the actor may not see is refused exactly
    like one that does not exist (a page shows the field's error and the unfiltered list; the API answers 400 with
    the same message). Every list's filters, and the API's (``districtlab.api.filters``), start from this one."""

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, actor=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        if actor is None and request is not None:
            actor = actor_for(request.user)
        self.actor = actor or ANONYMOUS

    @property
    def form(self):
        """The filter form, its choices limited to the actor's scope (people by pseudonym where required)."""
        if not hasattr(self, "_form"):
            form = super().form
            limit_choices(form.fields.values(), self.actor)
            limit_choosers(form.fields.values(), self.actor)
            for name, choices in self.choices_from_data().items():
                if name in form.fields:
                    form.fields[name].choices = [("", "---------"), *choices]
        return self._form

    def choices_from_data(self) -> dict:
        """Choices that come from the actor's records (school years, regions...), by filter name."""
        return {}

    def _distinct_choices(self, model, field):
        values = scope(self.actor, model.objects.all()).exclude(**{field: ""}).order_by(field)
        return [(v, v) for v in values.values_list(field, flat=True).distinct()]

    def _year_choices(self):
        return self._distinct_choices(m.SchoolYear, "name")


def _search(fields):
    def method(qs, name, value):
        q = Q()
        for f in fields:
            q |= Q(**{f"{f}__icontains": value})
        return qs.filter(q)

    return method


class SchoolFilter(ActorFilterSet):
    q = df.CharFilter(label="Search", method=_search(["name", "grades"]))
    year = df.ChoiceFilter(label="In a network in", method="filter_network", choices=[])
    network_role = df.ChoiceFilter(
        label="Network role", choices=m.NetworkMembership.Role.choices, method="filter_network"
    )
    grade_band = df.ChoiceFilter(choices=[])
    region = df.ChoiceFilter(label="Borough / region", choices=[])
    types = df.ModelChoiceFilter(label="Type", queryset=m.SchoolType.objects.all())
    district = df.ModelChoiceFilter(queryset=m.District.objects.all())

    class Meta:
        model = m.School
        fields = ["q", "district", "year", "network_role", "grade_band", "region", "types"]

    def choices_from_data(self):
        return {
            "year": self._year_choices(),
            "grade_band": self._distinct_choices(m.School, "grade_band"),
            "region": self._distinct_choices(m.School, "region"),
        }

    def filter_network(self, qs, name, value: str):
        """Year and network role filter together: "hosts in 2016-17" is one question, asked once."""
        year = self.form.cleaned_data.get("year")
        role = self.form.cleaned_data.get("network_role")
        if name == "network_role" and year:  # already asked along with the year
            return qs
        conds = {"school": OuterRef("pk")}
        if year:
            conds["network__school_year__name"] = year
        if role:
            conds["role"] = role
        return qs.filter(Exists(m.NetworkMembership.objects.filter(**conds)))


def listed_networks(qs, query):
    """A list of networks (page or API) shows the program's networks; a cohort's sub-groups when the query asks for
    them, by their kind (``?kind=subgroup``) or their cohort (``?parent=``)."""
    if query.get("kind") == m.Network.Kind.SUBGROUP or query.get("parent"):
        return qs
    return qs.program()


class NetworkFilter(ActorFilterSet):
    q = df.CharFilter(label="Search", method=_search(["name", "focus_area__name"]))
    year = df.ChoiceFilter(field_name="school_year__name", label="School year", choices=[])
    kind = df.ChoiceFilter(choices=m.Network.Kind.choices)
    parent = ChooserFilter(chooser=COHORTS, label="Cohort")
    focus_area = df.ModelChoiceFilter(queryset=m.LearningFocusArea.objects.all(), label="Learning focus area")
    facilitator = df.ModelChoiceFilter(field_name="facilitators", queryset=FACILITATORS)
    district = df.ModelChoiceFilter(queryset=m.District.objects.all())

    class Meta:
        model = m.Network
        fields = ["q", "district", "year", "kind", "parent", "focus_area", "facilitator"]

    def choices_from_data(self):
        return {"year": self._year_choices()}


class PersonFilter(ActorFilterSet):
    q = df.CharFilter(label="Search", method=_search(["name"]))
    kind = df.ChoiceFilter(label="Position", choices=PositionKind.choices, method="filter_position")
    school = ChooserFilter(chooser=SCHOOLS, method="filter_position")
    district = df.ModelChoiceFilter(queryset=m.District.objects.all())

    class Meta:
        model = m.Person
        fields = ["q", "district", "kind", "school"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.actor.pseudonymous:  # searching by real name would reveal who a pseudonym is
            del self.filters["q"]

    def filter_position(self, qs, name, value: str):
        conds = {"person": OuterRef("pk")}
        if kind := self.form.cleaned_data.get("kind"):
            conds["kind"] = kind
        if (schools := self.form.cleaned_data.get("school")) is not None:
            conds["school__in"] = schools
        return qs.filter(Exists(m.Position.objects.filter(**conds)))


class TeamFilter(ActorFilterSet):
    q = df.CharFilter(label="Search", method=_search(["name"]))
    kind = df.ChoiceFilter(choices=m.Team.Kind.choices)
    school = ChooserFilter(chooser=SCHOOLS)
    year = df.ChoiceFilter(field_name="school_year__name", label="School year", choices=[])
    district = df.ModelChoiceFilter(queryset=m.District.objects.all())

    class Meta:
        model = m.Team
        fields = ["q", "district", "kind", "school", "year"]

    def choices_from_data(self):
        return {"year": self._year_choices()}


class DataNoteFilter(ActorFilterSet):
    q = df.CharFilter(label="Search", method=_search(["subject", "kept", "other", "note", "sources"]))
    kind = df.ChoiceFilter(choices=m.DataNote.Kind.choices)
    district = df.ModelChoiceFilter(queryset=m.District.objects.all(), null_label="From the research")

    class Meta:
        model = m.DataNote
        fields = ["q", "district", "kind"]
