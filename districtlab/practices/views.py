"""Pages for the practice library: search, a practice with its lineage, conventions, and the knowledge flow."""
import datetime as dt
from functools import partial

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.views import generic

from districtlab.analysis import knowledge_flow as kf
from districtlab.core.forms import PublishForm
from districtlab.core.people import name_for, prefetch_people
from districtlab.core.permissions import CREATE, build_actor, can, scope
from districtlab.core.publishing import publications_of
from districtlab.core.views import ActorMixin, ScopedDetailView, ScopedListView
from districtlab.jobs.tasks import Refused, computed
from districtlab.org.models import District
from districtlab.visits.models import Meeting

from . import models as m
from .filters import PracticeFilter
from .flow import flow_links, memberships, school_names, tool_uses
from .forms import FlowForm
from .lineage import lineage, lineage_svg, school_graph_svg


class PracticeList(ScopedListView):
    model = m.Practice
    filterset_class = PracticeFilter
    template_name = "practices/practice_list.html"

    def base_queryset(self):
        return (m.Practice.objects.select_related("origin_school").prefetch_related("focus_areas")
                .order_by("name"))

    def get_queryset(self):
        qs = super().get_queryset()
        return qs.prefetch_related(Prefetch("adoptions", queryset=scope(self.actor, m.Adoption.objects.all())
                                            .select_related("school")))


class PracticeDetail(ScopedDetailView):
    model = m.Practice
    template_name = "practices/practice_detail.html"

    def base_queryset(self):
        return m.Practice.objects.select_related("origin_school", "author").prefetch_related(
            prefetch_people(self.actor, "origin_people"), "focus_areas")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        practice = self.object
        versions = list(practice.versions.select_related("parent", "by", "school"))
        adoptions = list(scope(self.actor, practice.adoptions.select_related(
            "school", "from_school", "version", "adapted_as", "meeting", "by")))
        conventions = list(scope(self.actor, practice.conventions.select_related("school")))
        publications = list(publications_of(practice))
        events = lineage(practice, versions, publications, adoptions, conventions)
        ctx.update(versions=versions, adoptions=adoptions, conventions=conventions, publications=publications,
                   events=events, svg=lineage_svg(events, practice.name) if events else None,
                   evidence=practice.evidence.select_related("school"),
                   publish_form=PublishForm(record=practice, actor=self.actor),
                   can_adopt=can(self.actor, CREATE, m.Adoption))
        return ctx


class ConventionList(ScopedListView):
    model = m.Convention
    template_name = "practices/convention_list.html"

    def base_queryset(self):
        return m.Convention.objects.select_related("school").order_by("-date", "title")

    def get_queryset(self):
        return super().get_queryset().prefetch_related(
            Prefetch("practices", queryset=scope(self.actor, m.Practice.objects.all())),
            Prefetch("meetings", queryset=scope(self.actor, Meeting.objects.all())))


class KnowledgeFlow(ActorMixin, generic.TemplateView):
    """Who learned from whom, boundary spanners, silos, spread, collaboration type, sharing and tool alignment:
    drawn by a background job for the viewer, and read "as of" when it was drawn."""

    template_name = "practices/flow.html"

    def get(self, request, *args, **kwargs):
        form = FlowForm(request.GET, actor=self.actor)
        if not form.is_valid():
            return self.render_to_response({"form": form}, status=400)
        district, start, end = (form.cleaned_data.get(k) for k in ("district", "start", "end"))
        ctx = {"form": form, "district": district, "start": start, "end": end}
        if district is None or start is None:
            return self.render_to_response(ctx)
        ctx["result"], ctx["building"] = computed(
            request.user, flow_job, "Drawing the knowledge flow",
            {"district": district.pk, "start": start.isoformat(), "end": end.isoformat()}, request.get_full_path())
        return self.render_to_response(ctx)


def flow_job(job) -> str:
    """Draw the knowledge flow for the person who asked, from what they may see now (a background job)."""
    actor, p = build_actor(job.owner), job.params
    district = scope(actor, District.objects.filter(pk=p["district"])).first()
    if district is None:
        raise Refused("that district is not one you may see")
    start, end = dt.date.fromisoformat(p["start"]), dt.date.fromisoformat(p["end"])
    job.output = render_to_string("practices/_flow_result.html", flow_context(actor, district, start, end))
    return ""


def flow_context(actor, district, start, end) -> dict:
    links, interactions, quality = flow_links(actor, district, start, end)
    nodes = school_names(district)
    name_of = partial(name_for, actor)
    edges = kf.school_graph(links) if links else None
    return dict(
        district=district, start=start, end=end,
        links=len(links), edges=list(edges.head(40).itertuples()) if edges is not None else [],
        svg=school_graph_svg(edges, district.short_name) if edges is not None and len(edges) else None,
        strength=strength_rows(links, nodes), between=between_rows(links, nodes),
        silos=kf.silos(nodes, links), nodes=len(nodes),
        spanners=list(kf.boundary_spanners(memberships(actor, district, start, end, name_of)).head(20)
                      .itertuples()),
        collaboration=list(kf.collaboration_type(interactions).itertuples()) if interactions else [],
        rule=kf.DEFAULT_RULE.describe(),
        sharing=list(kf.sharing_quality(quality).itertuples()) if quality else [],
        alignment=alignment(actor, district), spread=spread(actor, district, len(nodes)),
    )


def between_rows(links, nodes, top=10):
    """The schools that lie on learning paths between others: ``(school, score)``, a score above 0 only
    (the page writes one too small for three decimals as "under 0.001", never "0.000")."""
    if not links:
        return []
    scores = kf.betweenness(links, nodes=nodes, top=top)
    return [(school, score) for school, score in scores.items() if score > 1e-12]  # above floating-point noise


def strength_rows(links, nodes):
    if not links:
        return []
    table = kf.strength(links, nodes=nodes)
    table = table.loc[(table["in_strength"] > 0) | (table["out_strength"] > 0)]
    return list(table.sort_values(["out_strength", "in_strength"], ascending=False).head(15).itertuples())


def alignment(actor, district):
    elements, uses = tool_uses(actor, district)
    return list(kf.tool_alignment(elements, uses).itertuples()) if uses else []


def spread(actor, district, total):
    """Each visible practice that has been adopted: how many schools use it, from its origin on."""
    out = []
    adoptions = scope(actor, m.Adoption.objects.filter(practice__district=district)).exclude(
        status=m.Adoption.Status.ABANDONED).values_list("practice_id", "school__name", "date")
    by_practice = {}
    for practice, school, day in adoptions:
        by_practice.setdefault(practice, []).append((school, day))
    practices = scope(actor, m.Practice.objects.filter(pk__in=by_practice)).select_related(
        "origin_school").prefetch_related("versions")
    for p in practices:
        first = min(p.versions.all(), key=lambda v: v.number)
        origin = (p.origin_school.name, first.date or p.created.date()) if p.origin_school else None
        curve = kf.spread_curve(by_practice[p.pk], origin=origin, freq="Q", total=total or None)
        out.append((p, list(curve.itertuples())))
    return out
