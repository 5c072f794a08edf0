"""Pages for the practice library: search, a practice with its lineage, conventions, and the knowledge flow."""
import datetime as dt

import numpy as np
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.views import generic

from districtlab.analysis import knowledge_flow as kf
from districtlab.core.forms import PublishForm
from districtlab.core.people import name_for, prefetch_people
from districtlab.core.panels import panels
from districtlab.core.permissions import CREATE, build_actor, can, scope
from districtlab.core.publishing import publications_of
from districtlab.core.views import ActorMixin, ScopedDetailView, ScopedListView
from districtlab.jobs.tasks import Refused, computed
from districtlab.org.models import District, Person, School
from districtlab.visits.models import Meeting

from . import flow
from . import models as m
from .filters import PracticeFilter
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
                   can_adopt=can(self.actor, CREATE, m.Adoption),
                   panels=panels("practice", self.actor, practice))  # e.g. survey results offered as evidence
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
    drawn by a background job for the viewer (again when a record it reads changes), and read "as of" when it was
    drawn. The page reads the drawing as stored, whatever the district's size."""

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
            {"district": district.pk, "start": start.isoformat(), "end": end.isoformat()}, request.get_full_path(),
            stamp=flow.stamp())
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


#: How many rows each part of the page shows, whatever the district's size.
SHOWN = {"edges": 40, "strength": 15, "between": 10, "spanners": 20, "silos": 60, "networks": 25, "spread": 10,
         "elements": 20}


def flow_context(actor, district, start, end) -> dict:
    links, interactions, quality = flow.flow_links(actor, district, start, end)
    schools = flow.schools(district)
    nodes = schools.index.tolist()
    named = Names(schools)
    edges = kf.school_graph(links).head(SHOWN["edges"]) if len(links) else None
    if edges is not None:
        named.add(edges["source"], edges["target"])
        edges = edges.assign(source=edges["source"].map(named), target=edges["target"].map(named))
    strength, between = strength_rows(links, nodes), between_rows(links, nodes)
    named.add([r.Index for r in strength], [school for school, _ in between])
    silos = {part: [schools[s] for s in ids] for part, ids in kf.silos(nodes, links).items()} if len(links) else {
        "no_incoming": schools.tolist(), "no_outgoing": schools.tolist(), "isolated": schools.tolist()}
    collaboration = kf.collaboration_type(interactions) if len(interactions) else None
    if collaboration is not None:  # the highest levels first
        rank = collaboration["level"].map({level: i for i, level in enumerate(kf.COLLABORATION_LEVELS)})
        collaboration = collaboration.iloc[np.argsort(-rank.fillna(-1).to_numpy(), kind="stable")]
    practices, spread_ = spread(actor, district, len(nodes), named)
    elements, uses = flow.tool_uses(actor, district)
    return dict(
        district=district, start=start, end=end, shown=SHOWN,
        links=len(links), edges=list(edges.itertuples()) if edges is not None else [],
        svg=school_graph_svg(edges, district.short_name) if edges is not None and len(edges) else None,
        strength=[r._replace(Index=named[r.Index]) for r in strength],
        between=[(named[school], score) for school, score in between],
        silos=silos, nodes=len(nodes),
        spanners=spanners(actor, flow.memberships(district, start, end)),
        networks=collaboration["level"].fillna("no level").value_counts().to_dict() if collaboration is not None
        else {},
        collaboration=list(collaboration.head(SHOWN["networks"]).itertuples()) if collaboration is not None else [],
        rule=kf.DEFAULT_RULE.describe(),
        sharing=list(kf.sharing_quality(quality).itertuples()) if len(quality) else [],
        elements=len(elements),
        alignment=list(kf.tool_alignment(elements[:SHOWN["elements"]], uses.loc[uses["element"].isin(
            elements[:SHOWN["elements"]])]).itertuples()) if len(uses) else [],
        practices=practices, spread=spread_,
        more={"isolated": max(0, len(silos["isolated"]) - SHOWN["silos"]),
              "networks": max(0, len(collaboration) - SHOWN["networks"]) if collaboration is not None else 0,
              "spread": practices - len(spread_), "elements": max(0, len(elements) - SHOWN["elements"])},
    )


class Names(dict):
    """School names by id: the district's, and any other school a link names, read once for the rows shown."""

    def __init__(self, schools):
        super().__init__(schools.items())

    def add(self, *ids):
        missing = {int(i) for column in ids for i in column} - self.keys()
        self.update(School.objects.filter(pk__in=missing).values_list("pk", "name"))


def between_rows(links, nodes, top=SHOWN["between"]):
    """The schools that lie on learning paths between others: ``(school, score)``, a score above 0 only
    (the page writes one too small for three decimals as "under 0.001", never "0.000")."""
    if not len(links):
        return []
    scores = kf.betweenness(links, nodes=nodes, top=top)
    return [(school, score) for school, score in scores.items() if score > 1e-12]  # above floating-point noise


def strength_rows(links, nodes):
    if not len(links):
        return []
    table = kf.strength(links, nodes=nodes)
    table = table.loc[(table["in_strength"] > 0) | (table["out_strength"] > 0)]
    return list(table.sort_values(["out_strength", "in_strength"], ascending=False, kind="stable")
                .head(SHOWN["strength"]).itertuples())


def spanners(actor, memberships):
    """The people in the most teams or networks, named as ``actor`` sees them."""
    rows = kf.boundary_spanners(memberships).head(SHOWN["spanners"]) if len(memberships) else None
    if rows is None or rows.empty:
        return []
    people = Person.objects.in_bulk(rows["person"].astype(int).tolist())
    return list(rows.assign(person=rows["person"].map(lambda pk: name_for(actor, people[int(pk)]))).itertuples())


def spread(actor, district, total, named):
    """How many practices have been adopted, and for the ones that reached the most schools, how many schools use
    each, from its origin on: ``(practice, curve)``."""
    adoptions = flow.adoptions(actor, district)
    reach = adoptions.groupby("practice", sort=False)["school"].nunique().sort_values(ascending=False, kind="stable")
    top = reach.index[:SHOWN["spread"]].tolist()
    shown = scope(actor, m.Practice.objects.filter(pk__in=top)).select_related("origin_school").prefetch_related(
        "versions")
    named.add(adoptions.loc[adoptions["practice"].isin(top), "school"])
    out = []
    for p in sorted(shown, key=lambda p: (-reach[p.pk], p.name)):
        first = min(p.versions.all(), key=lambda v: v.number)
        origin = (p.origin_school.name, first.date or p.created.date()) if p.origin_school else None
        taken = adoptions.loc[adoptions["practice"] == p.pk, ["school", "date"]]
        curve = kf.spread_curve(taken.assign(school=taken["school"].map(named)), origin=origin, freq="Q",
                                total=total or None)
        out.append((p, list(curve.itertuples())))
    return len(reach), out
