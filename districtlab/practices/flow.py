"""What the knowledge-flow page reads: the district's recorded learning as plain links, for
``analysis.knowledge_flow``. Only what the viewer may see is read, so a private practice (its adoptions, its
share-outs) and a meeting they cannot see add nothing.

Links between schools: an adoption (the school it came from taught the adopting school); a site visit or
studio session held (the host taught each school that attended, or, where attendance was not taken, the
network's other schools); a share-out at a network's meeting (the sharing school taught the network's other
schools). Coaching between people is not recorded yet.
"""
from collections import defaultdict

from django.db.models import Q

from districtlab.analysis.knowledge_flow import Link, ShareOut, ToolUse
from districtlab.core.permissions import scope
from districtlab.org import models as org
from districtlab.visits.models import Attendance, Feedback, FeedbackRequest, Meeting

from . import models as m

HELD = [Meeting.Status.HELD]
GATHERINGS = [Meeting.Kind.SITE_VISIT, Meeting.Kind.STUDIO]


def network_schools(networks):
    members = defaultdict(set)
    for network, school in org.NetworkMembership.objects.filter(network__in=networks).values_list(
            "network_id", "school__name"):
        members[network].add(school)
    return members


def flow_links(actor, district, start, end):
    """Links between schools (named), and the (network, kind) interactions for Little's continuum."""
    links, interactions = [], []
    adoptions = scope(actor, m.Adoption.objects.filter(school__district=district, date__range=(start, end)))
    for school, source, day, network in adoptions.values_list("school__name", "from_school__name", "date",
                                                              "meeting__network__name"):
        if source:
            links.append(Link(source, school, day, "adoption"))
        if network:
            interactions.append((network, "adoption"))
    meetings = scope(actor, Meeting.objects.filter(district=district, date__range=(start, end), status__in=HELD))
    gatherings = {pk: row for pk, *row in meetings.filter(kind__in=GATHERINGS, host__isnull=False).values_list(
        "pk", "host__name", "date", "network_id", "network__name")}
    came = defaultdict(set)
    for meeting, school in Attendance.objects.filter(meeting__in=list(gatherings), attended=True,
                                                     school__isnull=False).values_list("meeting_id", "school__name"):
        came[meeting].add(school)
    members = network_schools({row[2] for row in gatherings.values() if row[2]})
    for pk, (host, day, network, name) in gatherings.items():
        for school in (came[pk] or members.get(network, set())) - {host}:
            links.append(Link(host, school, day, "site_visit"))
        if name:
            interactions.append((name, "site_visit"))
    asked = scope(actor, FeedbackRequest.objects.filter(meeting__in=meetings, meeting__network__isnull=False))
    given = scope(actor, Feedback.objects.filter(meeting__in=meetings, meeting__network__isnull=False))
    interactions += [(name, "aid") for name in asked.values_list("meeting__network__name", flat=True)]
    interactions += [(name, "aid") for name in given.values_list("meeting__network__name", flat=True)]
    shares = scope(actor, m.ShareOut.objects.filter(district=district, date__range=(start, end)))
    rows = list(shares.values_list("school__name", "date", "meeting__network_id", "meeting__network__name",
                                   "evidence", "challenges", "successes"))
    members.update(network_schools({row[2] for row in rows if row[2] and row[2] not in members}))
    quality = []
    for school, day, network, name, evidence, challenges, successes in rows:
        for other in members.get(network, set()) - {school}:
            links.append(Link(school, other, day, "share_out"))
        if name:
            interactions.append((name, "share_out"))
        quality.append(ShareOut(day, evidence, challenges, successes, school))
    return links, interactions, quality


def school_names(district):
    """The district's schools: the nodes silos are found among."""
    return list(org.School.objects.filter(district=district).order_by("name").values_list("name", flat=True))


def memberships(actor, district, start, end, name_of):
    """``(person, group)``: team memberships and the networks of people's schools, in the period."""
    teams = org.TeamMembership.objects.filter(team__district=district).filter(
        Q(start__isnull=True) | Q(start__lte=end), Q(end__isnull=True) | Q(end__gte=start)).select_related(
        "person", "team")
    pairs = [(name_of(ms.person), ms.team.name) for ms in teams]
    positions = org.Position.objects.filter(district=district, school__isnull=False).filter(
        Q(start__isnull=True) | Q(start__lte=end), Q(end__isnull=True) | Q(end__gte=start)).select_related("person")
    at_school = defaultdict(set)
    for p in positions:
        at_school[p.school_id].add(p.person)
    for school, network in org.NetworkMembership.objects.program().filter(
            network__district=district, network__school_year__start__lte=end,
            network__school_year__end__gte=start).values_list("school_id", "network__name"):
        pairs += [(name_of(person), network) for person in at_school[school]]
    facilitated = org.Network.facilitators.through.objects.filter(
        network__district=district, network__school_year__start__lte=end, network__school_year__end__gte=start
    ).select_related("person", "network")
    pairs += [(name_of(f.person), f.network.name) for f in facilitated]
    return pairs


def tool_uses(actor, district):
    """For practices that serve a core element of a shared design: which school uses which version of which."""
    practices = scope(actor, m.Practice.objects.filter(district=district).exclude(design_element=""))
    uses = []
    for p in practices.select_related("origin_school"):
        if p.origin_school:
            uses.append(ToolUse(p.origin_school.name, p.design_element, f"{p.name} v1"))
    adoptions = scope(actor, m.Adoption.objects.filter(practice__in=practices)).exclude(
        status=m.Adoption.Status.ABANDONED).select_related("practice", "school", "version", "adapted_as")
    for a in adoptions:
        taken = f"{a.practice.name} v{a.version.number}"
        if a.adapted_as:
            uses.append(ToolUse(a.school.name, a.practice.design_element, f"{a.practice.name} v{a.adapted_as.number}",
                                taken))
        else:
            uses.append(ToolUse(a.school.name, a.practice.design_element, taken))
    elements = list(dict.fromkeys(u.element for u in uses))
    return elements, uses
