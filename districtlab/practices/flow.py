"""What the knowledge-flow page reads: the district's recorded learning as columns of plain data, for
``analysis.knowledge_flow``. Only what the viewer may see is read, so a private practice (its adoptions, its
share-outs) and a meeting they cannot see add nothing.

Links between schools: an adoption (the school it came from taught the adopting school); a site visit or
studio session held (the host taught each school that attended, or, where attendance was not taken, the
network's other schools); a share-out at a network's meeting (the sharing school taught the network's other
schools). Coaching between people is not recorded yet.

Everything is read straight from the database into columns (``read``): a district the size of New York's, with
a million links, makes no Python object per link. Schools and people are read by id; pages name the few they show.
"""
import pandas as pd
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Q

from districtlab.core.history import newest_changes
from districtlab.core.permissions import scope
from districtlab.org import models as org
from districtlab.visits.models import Attendance, Feedback, FeedbackRequest, Meeting

from . import models as m

HELD = [Meeting.Status.HELD]
GATHERINGS = [Meeting.Kind.SITE_VISIT, Meeting.Kind.STUDIO]
#: The records the knowledge flow reads: a change to any of them redraws it.
SOURCES = (m.Adoption, m.ShareOut, m.Practice, m.Version, Meeting, Attendance, Feedback, FeedbackRequest, org.School,
           org.Network, org.NetworkMembership, org.TeamMembership, org.Position)


def read(qs, **fields) -> pd.DataFrame:
    """The rows of ``qs`` as a DataFrame with a column per keyword (``name="field__path"``), read with one cursor:
    no model instance per row. Fields named ``date`` become ``datetime64``; ids that may be empty, floats with NaN."""
    qs = qs.values_list(*fields.values())
    try:
        sql, params = qs.query.get_compiler(qs.db).as_sql()
    except EmptyResultSet:
        rows = []
    else:
        with connections[qs.db].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    frame = pd.DataFrame.from_records(rows, columns=list(fields), coerce_float=True)
    for name, path in fields.items():
        if path.rsplit("__", 1)[-1] == "date":
            frame[name] = pd.to_datetime(frame[name]).astype("datetime64[s]")
    return frame


def stamp() -> str:
    """The newest change to every record the knowledge flow reads: another value means it may have changed."""
    return newest_changes(SOURCES)


def _ids(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """``frame`` without rows missing any of ``columns``, those as integer ids."""
    frame = frame.dropna(subset=list(columns))
    return frame.astype(dict.fromkeys(columns, "int64"))


def _links(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    frame = _ids(frame, "source", "target")
    frame = frame.loc[frame["source"].to_numpy() != frame["target"].to_numpy(), ["source", "target", "date"]]
    return frame.assign(kind=kind)


def flow_links(actor, district, start, end) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Links between schools by id (``source, target, date, kind``), the ``(network, kind)`` interactions for
    Little's continuum (networks named), and the share-outs (``date, evidence, challenges, successes``)."""
    members = _ids(read(org.NetworkMembership.objects.filter(network__district=district).order_by("pk"),
                        network="network_id", target="school_id"), "network", "target")
    adoptions = read(scope(actor, m.Adoption.objects.filter(school__district=district, date__range=(start, end)))
                     .order_by("pk"), source="from_school_id", target="school_id", date="date",
                     network="meeting__network_id")
    meetings = scope(actor, Meeting.objects.filter(district=district, date__range=(start, end), status__in=HELD))
    gatherings = meetings.filter(kind__in=GATHERINGS, host__isnull=False)
    held = read(gatherings.order_by("pk"), meeting="pk", source="host_id", date="date", network="network_id")
    came = read(Attendance.objects.filter(meeting__in=gatherings.values("pk"), attended=True, school__isnull=False)
                .order_by("pk"), meeting="meeting_id", target="school_id").drop_duplicates()
    unrecorded = _ids(held.loc[~held["meeting"].isin(came["meeting"])], "network")  # the network's schools came
    visits = pd.concat([held.merge(came, on="meeting"), unrecorded.merge(members, on="network")])
    shares = read(scope(actor, m.ShareOut.objects.filter(district=district, date__range=(start, end))).order_by("pk"),
                  source="school_id", date="date", network="meeting__network_id", evidence="evidence",
                  challenges="challenges", successes="successes")
    links = pd.concat([_links(adoptions, "adoption"), _links(visits.sort_values("meeting", kind="stable"), "site_visit"),
                       _links(_ids(shares, "network").merge(members, on="network"), "share_out")], ignore_index=True)
    asked = scope(actor, FeedbackRequest.objects.filter(meeting__in=meetings, meeting__network__isnull=False))
    given = scope(actor, Feedback.objects.filter(meeting__in=meetings, meeting__network__isnull=False))
    interactions = pd.concat([
        adoptions[["network"]].assign(kind="adoption"), held[["network"]].assign(kind="site_visit"),
        read(asked.order_by("pk"), network="meeting__network_id").assign(kind="aid"),
        read(given.order_by("pk"), network="meeting__network_id").assign(kind="aid"),
        shares[["network"]].assign(kind="share_out")], ignore_index=True).dropna()
    names = read(org.Network.objects.filter(district=district), id="pk", name="name").set_index("id")["name"]
    interactions["network"] = interactions["network"].map(names)
    quality = shares[["date", "evidence", "challenges", "successes"]].astype(
        {"evidence": bool, "challenges": bool, "successes": bool})
    return links, interactions.dropna().reset_index(drop=True), quality


def schools(district) -> pd.Series:
    """The district's schools, names by id in the order of their names: the nodes silos are found among."""
    return read(org.School.objects.filter(district=district).order_by("name"), id="pk", name="name").set_index(
        "id")["name"]


def memberships(district, start, end) -> pd.DataFrame:
    """``person, group`` (a person's id, a group's name): team memberships, the networks of people's schools and the
    networks they facilitate, in the period."""
    during = Q(start__isnull=True) | Q(start__lte=end), Q(end__isnull=True) | Q(end__gte=start)
    teams = read(org.TeamMembership.objects.filter(team__district=district).filter(*during).order_by("pk"),
                 person="person_id", group="team__name")
    positions = read(org.Position.objects.filter(district=district, school__isnull=False).filter(*during)
                     .order_by("pk"), school="school_id", person="person_id").drop_duplicates()
    in_year = {"network__district": district, "network__school_year__start__lte": end,
               "network__school_year__end__gte": start}
    networks = read(org.NetworkMembership.objects.program().filter(**in_year).order_by("pk"), school="school_id",
                    group="network__name")
    facilitated = read(org.Network.facilitators.through.objects.filter(**in_year).order_by("pk"),
                       person="person_id", group="network__name")
    return pd.concat([teams, networks.merge(positions, on="school")[["person", "group"]], facilitated],
                     ignore_index=True)


def tool_uses(actor, district) -> tuple[list[str], pd.DataFrame]:
    """For practices that serve a core element of a shared design: which school uses which version of which
    (``school, element, tool, derived_from``), and the elements in order of appearance."""
    practices = scope(actor, m.Practice.objects.filter(district=district).exclude(design_element=""))
    origins = read(practices.filter(origin_school__isnull=False).order_by("name", "pk"), school="origin_school__name",
                   element="design_element", name="name")
    adoptions = read(scope(actor, m.Adoption.objects.filter(practice__in=practices)).exclude(
        status=m.Adoption.Status.ABANDONED).order_by("date", "pk"), school="school__name",
        element="practice__design_element", name="practice__name", taken="version__number",
        adapted="adapted_as__number")

    def tool(names, numbers):
        return names + " v" + numbers.astype("Int64").astype(str)

    taken = tool(adoptions["name"], adoptions["taken"])
    adapted = adoptions["adapted"].notna()
    uses = pd.concat([
        origins.assign(tool=tool(origins["name"], pd.Series(1, index=origins.index)), derived_from=None),
        adoptions.assign(tool=taken.where(~adapted, tool(adoptions["name"], adoptions["adapted"])),
                         derived_from=taken.where(adapted, None))], ignore_index=True)
    uses = uses[["school", "element", "tool", "derived_from"]].astype(object)
    uses["derived_from"] = uses["derived_from"].where(uses["derived_from"].notna(), None)
    return list(dict.fromkeys(uses["element"])), uses


def adoptions(actor, district) -> pd.DataFrame:
    """``practice, school, date`` (ids and a day) of every visible adoption of the district's practices in use."""
    return read(scope(actor, m.Adoption.objects.filter(practice__district=district)).exclude(
        status=m.Adoption.Status.ABANDONED).order_by("pk"), practice="practice_id", school="school_id", date="date")
