"""JSON API for Cycles of Learning: the same scopes, rules and ladder as the pages, plus the progress table."""
import datetime as dt

from django.core.paginator import Paginator
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, views
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.urls import replace_query_param

from districtlab.api.base import AuthoredSerializer, PublishActionMixin, ScopedViewSet
from districtlab.core.permissions import actor_for
from districtlab.org.api import serializer_for, viewset_for
from districtlab.org.models import NetworkMembership

from . import models as m
from .forms import ProgressFilter
from .progress import dashboard

CONTEXT = ["district", "team", "school", "network", "visibility", "author", "created", "updated"]


def authored_serializer(model, fields, parent=None):
    """A serializer for an authored inquiry record; a child takes its context from ``parent``."""

    def context_from(self, attrs):
        if parent is None:  # a problem of practice: from its team and year
            team, year = attrs.get("team", getattr(self.instance, "team", None)), attrs.get(
                "school_year", getattr(self.instance, "school_year", None))
            if team is None:
                raise ValidationError({"team": "A problem of practice belongs to a school team."})
            return {"district": team.district, "school": team.school,
                    "network": NetworkMembership.objects.network_of(team.school, year)}
        whole = attrs.get(parent) or getattr(self.instance, parent)
        return {name: getattr(whole, name) for name in ("district", "team", "school", "network")}

    read_only = [f for f in CONTEXT if f not in fields]  # a problem names its team; the rest is derived
    meta = type("Meta", (), {"model": model, "fields": ["id", *fields, *read_only], "read_only_fields": read_only})
    return type(f"{model.__name__}Serializer", (AuthoredSerializer,), {"Meta": meta, "context_from": context_from})


def authored_viewset(model, serializer, *, fields, search, along=()):
    return type(f"{model.__name__}ViewSet", (PublishActionMixin, ScopedViewSet), {
        "queryset": model.objects.order_by("pk"), "serializer_class": serializer, "along": along,
        "filterset_fields": fields, "search_fields": search, "ordering_fields": "__all__"})


S = serializer_for
VIEWSETS = {
    "problems-of-practice": authored_viewset(
        m.ProblemOfPractice,
        authored_serializer(m.ProblemOfPractice, ["team", "school_year", "focus_area", "statement", "how_decided",
                                                  "lfa_relation", "host_support", "team_roles", "norms"]),
        fields=["school", "school_year", "network", "team", "visibility"], search=["statement"], along=["goals"]),
    "year-goals": authored_viewset(m.YearGoal, authored_serializer(m.YearGoal, ["problem", "statement"], "problem"),
                                   fields=["problem", "school", "visibility"], search=["statement"]),
    "cycles": authored_viewset(
        m.Cycle, authored_serializer(m.Cycle, ["goal", "title", "stage", "smaller_goal", "prediction",
                                               "implementation_notes", "results", "next_step", "next_step_thinking",
                                               "lessons", "started", "ended"], "goal"),
        fields=["goal", "school", "network", "stage", "next_step", "visibility"], search=["title", "smaller_goal"]),
    "evidence": viewset_for(m.Evidence, S(m.Evidence, ["problem", "cycle", "kind", "nature", "basis", "description"]),
                            fields=["problem", "cycle", "kind", "nature", "basis"]),
    "change-ideas": viewset_for(m.ChangeIdea, S(m.ChangeIdea, ["cycle", "description"]), fields=["cycle"]),
    "measures": viewset_for(m.Measure, S(m.Measure, ["cycle", "name", "unit", "direction", "data_source", "nature",
                                                     "chart", "synthetic"]), fields=["cycle", "chart", "nature"]),
    "data-points": viewset_for(m.DataPoint, S(m.DataPoint, ["measure", "position", "label", "value", "denominator",
                                                            "part"]),
                               fields=["measure"], ordering=("measure", "position")),
}


class StandingSerializer(serializers.Serializer):
    school = serializers.IntegerField(source="school.pk")
    school_name = serializers.CharField(source="school.name")
    networks = serializers.SerializerMethodField()
    step_reached = serializers.CharField(source="standing.reached")
    cycles = serializers.IntegerField(source="standing.cycles")
    cycles_shared = serializers.IntegerField(source="standing.shared")
    meets_expectation = serializers.BooleanField(source="standing.meets_expectation")
    overdue = serializers.ListField(child=serializers.CharField(), source="standing.overdue")

    def get_networks(self, row) -> list[int]:
        return [n.pk for n in row.networks]


class ProgressSummarySerializer(serializers.Serializer):
    """The dashboard's headline counts (``analysis.completion.summary``)."""

    schools = serializers.IntegerField()
    with_record = serializers.IntegerField(help_text="Schools with a problem of practice, goal or cycle counted.")
    no_record = serializers.IntegerField(help_text="Schools with no record yet (shown apart, not counted as behind).")
    with_cycle = serializers.IntegerField()
    without_cycle = serializers.IntegerField()
    meeting = serializers.IntegerField(help_text="Schools meeting the two-cycles-a-year expectation.")
    overdue = serializers.IntegerField(help_text="Schools with an overdue step.")
    cycles = serializers.IntegerField()
    shared = serializers.IntegerField(help_text="Cycles that reached “share lessons”.")
    cycles_expected = serializers.IntegerField(help_text="The district's expected cycles a year.")
    reached = serializers.DictField(child=serializers.IntegerField(), help_text="Schools by the step they reached.")


class ProgressSerializer(serializers.Serializer):
    """The progress dashboard: its school year, as of when, the headline counts (of every school) and a page of the
    schools' standings (``count`` schools in all; ``next`` and ``previous`` pages as links, as in every list)."""

    year = serializers.IntegerField(allow_null=True, help_text="The school year shown (its id).")
    as_of = serializers.DateField(allow_null=True)
    counted_at = serializers.DateTimeField(
        allow_null=True, help_text="When the district's count was made (it is made again in the background when it "
                                   "is old or a record changes); null when counted for this request.")
    summary = ProgressSummarySerializer(allow_null=True)
    count = serializers.IntegerField(help_text="Schools in all, on every page.")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    schools = StandingSerializer(many=True)


class ProgressView(views.APIView):
    """Where every network school stands in its Cycles of Learning (the progress dashboard as JSON)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[*(OpenApiParameter(name, int, required=False) for name in ("year", "page")),
                               OpenApiParameter("network", str, required=False,
                                                description="A network of the year, by id or name."),
                               OpenApiParameter("facilitator", str, required=False, description=(
                                   "A facilitator of the year, by id or name (by pseudonym for researchers)."))],
                   responses=ProgressSerializer)
    def get(self, request):
        actor = actor_for(request.user)
        if not actor.follows_program:
            raise PermissionDenied("Progress is for central office, facilitators and researchers.")
        form = ProgressFilter(request.query_params, actor=actor)
        if not form.is_valid():
            raise ValidationError(form.errors)
        year = form.cleaned_data["year"]
        if year is None:
            return Response(ProgressSerializer({"year": None, "as_of": None, "counted_at": None, "summary": None,
                                                "count": 0, "next": None, "previous": None, "schools": []}).data)
        rows, counts, analysis, _ = dashboard(actor, year, form.cleaned_data["network"],
                                              form.cleaned_data["facilitator"])
        page = Paginator(rows, api_settings.PAGE_SIZE).get_page(request.query_params.get("page"))
        url = request.build_absolute_uri()
        return Response(ProgressSerializer({
            "year": year.pk, "as_of": min(dt.date.today(), year.end), "summary": counts, "count": len(rows),
            "counted_at": analysis.computed if analysis else None,
            "next": replace_query_param(url, "page", page.next_page_number()) if page.has_next() else None,
            "previous": replace_query_param(url, "page", page.previous_page_number()) if page.has_previous() else None,
            "schools": page.object_list}).data)
