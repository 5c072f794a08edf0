"""JSON API for the organisation: the same scopes, filters and rules as the pages."""
from django.db.models import Prefetch

from districtlab.api.base import PublishActionMixin, ScopedSerializer, ScopedViewSet
from districtlab.core.people import name_for, sees_every_email, shows_email

from . import filters
from . import models as m


def serializer_for(model, fields, **extra):
    """A scoped serializer for ``model`` exposing ``fields``."""
    meta = type("Meta", (), {"model": model, "fields": ["id", *fields], **extra})
    return type(f"{model.__name__}Serializer", (ScopedSerializer,), {"Meta": meta})


def viewset_for(model, serializer, *, filterset=None, fields=(), search=(), ordering=("id",), select=(), prefetch=()):
    """A permission-checked viewset for ``model`` with filters, search and pagination."""
    attrs = {
        "queryset": model.objects.select_related(*select).prefetch_related(*prefetch).order_by(*ordering),
        "serializer_class": serializer,
        "search_fields": list(search),
        "ordering_fields": "__all__",
    }
    if filterset:
        attrs["filterset_class"] = filterset
    else:
        attrs["filterset_fields"] = list(fields)
    return type(f"{model.__name__}ViewSet", (ScopedViewSet,), attrs)


class PersonSerializer(ScopedSerializer):
    """People: email only for staff who may see contact details; pseudonyms for researchers."""

    class Meta:
        model = m.Person
        fields = ["id", "district", "name", "email", "pseudonym", "synthetic"]

    @classmethod
    def hidden_fields(cls, actor):
        return set() if sees_every_email(actor) else {"email"}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["name"] = name_for(self.actor, instance)
        if not shows_email(self.actor, instance):
            data.pop("email", None)
        return data


class SchoolSerializer(ScopedSerializer):
    """Schools; with ``?year=`` the grade span is that school year's (``SchoolYearFacts``), else the current one."""

    class Meta:
        model = m.School
        fields = ["id", "district", "name", "grades", "grade_band", "region", "types", "pseudonym", "synthetic"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        year = request.query_params.get("year") if request else None
        if year and not isinstance(instance, dict):
            data["grades"], data["grade_band"] = instance.span_in(year)
        return data


class DemographicSerializer(ScopedSerializer):
    class Meta:
        model = m.Demographic
        fields = ["id", "school", "school_year", "measure", "value", "number", "low", "high", "source"]
        read_only_fields = ["number", "low", "high"]


class NoteSerializer(ScopedSerializer):
    """Notes: the author is whoever writes it; visibility only rises through ``publish``."""

    class Meta:
        model = m.Note
        fields = ["id", "district", "title", "body", "team", "school", "network", "visibility", "author",
                  "created", "updated"]
        read_only_fields = ["visibility", "author", "created", "updated"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.implied = {"author": self.actor.person} if self.actor.person else {}


class NoteViewSet(PublishActionMixin, ScopedViewSet):
    queryset = m.Note.objects.select_related("author").order_by("-updated")
    serializer_class = NoteSerializer
    filterset_fields = ["district", "team", "school", "network", "visibility"]
    search_fields = ["title", "body"]


S = serializer_for


class NetworkViewSet(viewset_for(m.Network, S(m.Network, ["district", "school_year", "name", "kind", "focus_area",
                                                          "parent", "facilitators", "ended_on", "synthetic"]),
                                 filterset=filters.NetworkFilter, prefetch=["facilitators"])):
    """Networks: the list is the program's, as the pages list it (``filters.listed_networks``); any network, a
    cohort's sub-group among them, is found by its id."""

    def filter_queryset(self, queryset):
        qs = super().filter_queryset(queryset)
        return filters.listed_networks(qs, self.request.query_params) if self.action == "list" else qs


VIEWSETS = {
    "districts": viewset_for(m.District, S(m.District, ["name", "short_name", "region", "time_zone",
                                                          "current_school_year", "synthetic"]),
                             search=["name", "short_name"]),
    "school-years": viewset_for(m.SchoolYear, S(m.SchoolYear, ["district", "name", "start", "end"]),
                                fields=["district", "name"]),
    "school-types": viewset_for(m.SchoolType, S(m.SchoolType, ["district", "name"]), fields=["district"]),
    "schools": viewset_for(m.School, SchoolSerializer, filterset=filters.SchoolFilter, search=["name"],
                           prefetch=["types", Prefetch("year_facts", m.SchoolYearFacts.objects.select_related(
                               "school_year"))], ordering=["name"]),
    "demographics": viewset_for(m.Demographic, DemographicSerializer, fields=["school", "school_year", "measure"],
                                select=["school"]),
    "school-year-facts": viewset_for(m.SchoolYearFacts, S(m.SchoolYearFacts, ["school", "school_year", "grades",
                                                                               "grade_band", "source"]),
                                     fields=["school", "school_year"], select=["school"]),
    "people": viewset_for(m.Person, PersonSerializer, filterset=filters.PersonFilter, ordering=["name"]),
    "positions": viewset_for(m.Position, S(m.Position, ["person", "district", "school", "kind", "title",
                                                        "designation", "designation_start", "designation_end",
                                                        "organisation", "start", "end"]),
                             fields=["person", "district", "school", "kind", "designation"]),
    "teams": viewset_for(m.Team, S(m.Team, ["district", "school", "school_year", "kind", "name", "meeting_cadence",
                                            "synthetic"]),
                         filterset=filters.TeamFilter, ordering=["name"]),
    "team-memberships": viewset_for(m.TeamMembership, S(m.TeamMembership, ["team", "person", "role", "start", "end"]),
                                    fields=["team", "person", "role"], select=["team"]),
    "focus-areas": viewset_for(m.LearningFocusArea, S(m.LearningFocusArea, ["district", "name", "framework_element"]),
                               fields=["district"], search=["name"]),
    "networks": NetworkViewSet,
    "network-memberships": viewset_for(m.NetworkMembership, S(m.NetworkMembership, ["network", "school", "role",
                                                                                    "returning", "left_on"]),
                                       fields=["network", "school", "role", "returning"], select=["network"]),
    "notes": NoteViewSet,
    "data-notes": viewset_for(m.DataNote, S(m.DataNote, ["district", "kind", "subject", "kept", "other", "note",
                                                        "sources"]),
                              fields=["district", "kind"], search=["subject", "kept", "other", "note"]),
    "reference-tables": viewset_for(m.ReferenceTable, S(m.ReferenceTable, ["district", "title", "columns", "rows",
                                                                           "source", "note"]),
                                    fields=["district"], search=["title"]),
    "designation-rules": viewset_for(m.DesignationRule, S(m.DesignationRule, ["district", "designation", "stipend",
                                                                              "term", "first_year", "max_term_years",
                                                                              "host_of", "eligibility", "source"]),
                                     fields=["district", "designation"]),
}
