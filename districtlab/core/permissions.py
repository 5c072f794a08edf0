"""One permission layer for every page and API endpoint (DESIGN.md, "Roles" and "Visibility").

``actor_for(user)`` reads who someone is from their positions and memberships in each district's
current school year. Each model registers a ``Policy``; ``can(actor, action, obj)`` and
``scope(actor, queryset)`` are the only questions views and the API ask.

Outcomes: a record outside an actor's scope does not exist for them (404); a record they can see but
not change is refused (403).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Model, Q, QuerySet

from . import roles as R
from .visibility import Visibility, rung

VIEW, CREATE, CHANGE, DELETE = "view", "create", "change", "delete"
ACTIONS = (VIEW, CREATE, CHANGE, DELETE)


@dataclass
class Actor:
    """Who is asking, as the permission layer sees them."""

    user: object = None
    person: object = None
    superuser: bool = False
    roles: dict[int, set[str]] = field(default_factory=dict)  # district id → roles there
    school_ids: frozenset[int] = frozenset()
    led_school_ids: frozenset[int] = frozenset()  # schools where the actor is principal/AP
    team_ids: frozenset[int] = frozenset()
    network_ids: frozenset[int] = frozenset()  # networks of the actor's schools, and those facilitated
    facilitated_network_ids: frozenset[int] = frozenset()

    @property
    def authenticated(self) -> bool:
        return self.superuser or self.person is not None

    @property
    def district_ids(self) -> frozenset[int]:
        return frozenset(self.roles)

    @property
    def person_id(self):
        return self.person.pk if self.person else None

    def has_role(self, district_id, *roles: str) -> bool:
        return bool(self.roles.get(district_id, set()) & set(roles))

    def in_district(self, district_id) -> bool:
        return self.superuser or district_id in self.roles

    def districts_with(self, *roles: str) -> list:
        """The ids of the districts where the actor holds any of ``roles``."""
        return [d for d, mine in self.roles.items() if mine & set(roles)]

    def all_roles(self) -> set[str]:
        return set().union(*self.roles.values()) if self.roles else set()

    @property
    def primary_role(self) -> str | None:
        mine = self.all_roles()
        return next((r for r in R.ROLE_ORDER if r in mine), R.ADMIN if self.superuser else None)

    @property
    def pseudonymous(self) -> bool:
        """Researchers (and only-researchers) see people by pseudonym (DESIGN.md: pseudonymised data only)."""
        mine = self.all_roles()
        return not self.superuser and bool(mine) and mine <= {R.RESEARCHER}

    @property
    def sees_sources(self) -> bool:
        """Researchers see where data and prompts come from (seed files and lines); practitioners' screens
        show words only. Data notes keep their citations for everyone."""
        return R.RESEARCHER in self.all_roles()

    @property
    def follows_program(self) -> bool:
        """Central office, facilitators and researchers follow the program across schools (progress, compliance)."""
        return self.superuser or bool(self.all_roles() & R.PROGRAM_ROLES)

    def sees_contact_details(self, district_id) -> bool:
        return self.superuser or self.has_role(district_id, *R.STAFF_ROLES)

    def is_external(self, district_id) -> bool:
        """An external partner and nothing more in this district: they write only within what they take part
        in (their teams, the meetings they attend) and never publish to the whole district (README)."""
        return not self.superuser and self.roles.get(district_id) == {R.PARTNER}


ANONYMOUS = Actor()


def _active_in(obj_start, obj_end, year_start, year_end, today: dt.date) -> bool:
    """Whether something from ``obj_start`` to ``obj_end`` overlaps its district's current school year (today's
    date when the district has none)."""
    start, end = (year_start, year_end) if year_start else (today, today)
    return (obj_start is None or obj_start <= end) and (obj_end is None or obj_end >= start)


def _current_network(year_id, current_year_id, year_start, year_end, today: dt.date) -> bool:
    """Whether a network of school year ``year_id`` is current: its district's current year, or today's."""
    return year_id == current_year_id if current_year_id else year_start <= today <= year_end


def build_actor(user) -> Actor:
    """Read an actor from the database: a fixed number of queries, whatever the district's size. Each reads only
    the columns it needs (``values_list``), unordered (a model's ordering by a related record would join it): this
    runs on every request, so its SQL is kept cheap to build."""
    from districtlab.org.models import NetworkMembership, Network, Position, TeamMembership

    if user is None or not user.is_authenticated or not user.is_active:  # a deactivated account has no rights
        return ANONYMOUS
    person = getattr(user, "person", None)
    actor = Actor(user=user, person=person, superuser=user.is_superuser)
    if person is None:
        return actor
    today = dt.date.today()
    roles: dict[int, set[str]] = defaultdict(set)
    schools, led = set(), set()
    year = "district__current_school_year__"
    for district_id, school_id, kind, start, end, year_start, year_end in Position.objects.filter(
            person=person).order_by().values_list("district_id", "school_id", "kind", "start", "end", f"{year}start",
                                       f"{year}end"):
        if _active_in(start, end, year_start, year_end, today):
            roles[district_id].add(R.POSITION_ROLE[kind])
            if school_id:
                schools.add(school_id)
                if R.POSITION_ROLE[kind] == R.PRINCIPAL:
                    led.add(school_id)
    teams = {
        team_id for team_id, start, end, year_start, year_end in TeamMembership.objects.filter(person=person).order_by()
        .values_list("team_id", "start", "end", f"team__{year}start", f"team__{year}end")
        if _active_in(start, end, year_start, year_end, today)
    }
    networks = ("school_year_id", "district__current_school_year_id", "school_year__start", "school_year__end")
    facilitated = {
        pk for pk, *year_of in Network.objects.filter(facilitators=person).order_by().values_list("pk", *networks)
        if _current_network(*year_of, today)
    }
    of_my_schools = {
        pk for pk, *year_of in NetworkMembership.objects.filter(school_id__in=schools).order_by()
        .values_list("network_id", *(f"network__{column}" for column in networks))
        if _current_network(*year_of, today)
    } if schools else set()
    actor.roles = dict(roles)
    actor.school_ids, actor.led_school_ids = frozenset(schools), frozenset(led)
    actor.team_ids = frozenset(teams)
    actor.facilitated_network_ids = frozenset(facilitated)
    actor.network_ids = frozenset(facilitated | of_my_schools)
    return actor


def actor_for(user) -> Actor:
    """The actor for a user, computed once per request (cached on the user object)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_districtlab_actor", None)
    if cached is None:
        cached = build_actor(user)
        user._districtlab_actor = cached
    return cached


class Policy:
    """What an actor may do with one model. Subclasses override the hooks they need."""

    def scope(self, actor: Actor, qs: QuerySet) -> QuerySet:
        return qs.none()

    def can_view(self, actor: Actor, obj: Model) -> bool:
        return False

    def can_create(self, actor: Actor, obj: Model | None) -> bool:
        """``obj`` None asks "may this actor create any?"; an unsaved instance asks about that one."""
        return False

    def can_change(self, actor: Actor, obj: Model) -> bool:
        return False

    def can_delete(self, actor: Actor, obj: Model) -> bool:
        return False

    def misplaced(self, actor: Actor, obj: Model) -> dict[str, str]:
        """Fields that put ``obj`` where ``actor`` may not write (a team, school, network or parent that is not
        theirs), each with a message in plain words; empty when the record is where its author may put it."""
        return {}


_registry: dict[type[Model], Policy] = {}


def register(model: type[Model], policy: Policy) -> None:
    _registry[model] = policy


def policy_for(model_or_obj) -> Policy:
    model = model_or_obj if isinstance(model_or_obj, type) else type(model_or_obj)
    try:
        return _registry[model]
    except KeyError:
        raise LookupError(f"No permission policy registered for {model.__name__}: register one.") from None


def can(actor: Actor, action: str, obj) -> bool:
    """May ``actor`` do ``action`` (view/create/change/delete) to ``obj`` (a model class for "create any")?"""
    if not actor.authenticated:
        return False
    policy = policy_for(obj)
    if action == CREATE:
        return policy.can_create(actor, None if isinstance(obj, type) else obj)
    if isinstance(obj, type):
        raise TypeError(f"'{action}' needs an object, not a model class.")
    if not policy.can_view(actor, obj):
        return False
    return action == VIEW or getattr(policy, f"can_{action}")(actor, obj)


def scope(actor: Actor, qs: QuerySet) -> QuerySet:
    """The rows of ``qs`` that ``actor`` may see."""
    if not actor.authenticated:
        return qs.none()
    return policy_for(qs.model).scope(actor, qs)


def misplaced(actor: Actor, obj: Model) -> dict[str, str]:
    """Why ``obj`` (as it would be saved) sits where ``actor`` may not write, by field; forms and the API show
    these beside the field (400) instead of a bare refusal."""
    return policy_for(obj).misplaced(actor, obj) if actor.authenticated else {}


def share_levels(actor: Actor, record) -> list[str]:
    """The rungs ``actor`` may raise ``record`` to: those above its own that its policy allows."""
    policy = policy_for(record)
    above = [level for level in Visibility.values if rung(level) > rung(record.visibility)]
    return [level for level in above if actor.authenticated and policy.can_share(actor, record, level)]


def moved(obj: Model, name: str) -> bool:
    """Is ``obj``'s ``name`` relation new or different from what was read from the database?"""
    loaded = getattr(obj, "_loaded_values", None)
    return obj.pk is None or loaded is None or loaded.get(f"{name}_id") != getattr(obj, f"{name}_id")


class LadderPolicy(Policy):
    """The visibility ladder for authored records: audiences per rung; the author changes them.

    Nobody, superusers and central office included, sees another person's private draft. With
    ``team_edits``, once a record is shared with (at least) its team, the team's members may change it too.
    A new record is its author's private draft, put only where its author may write (``misplaced``).
    """

    team_edits = False
    places = ("team", "school", "network")  # where the author puts the record: each must be theirs to write to
    PLACE_RULES = {
        "team": "You can only put this in a team you belong to (or a team of the school you lead).",
        "school": "You can only put this in your own school.",
        "network": "You can only put this in a network of your school or one you facilitate.",
    }

    def audience_q(self, actor: Actor, prefix: str = "") -> Q:
        p = prefix
        q = Q(**{f"{p}visibility": Visibility.TEAM, f"{p}team_id__in": actor.team_ids})
        q |= Q(**{f"{p}visibility": Visibility.SCHOOL, f"{p}school_id__in": actor.school_ids})
        q |= Q(**{f"{p}visibility": Visibility.NETWORK, f"{p}network_id__in": actor.network_ids})
        q |= Q(**{f"{p}visibility": Visibility.DISTRICT, f"{p}district_id__in": actor.district_ids})
        if actor.person_id:
            q |= Q(**{f"{p}author_id": actor.person_id})
        if actor.superuser:  # everything shared, never a private draft
            q |= ~Q(**{f"{p}visibility": Visibility.PRIVATE})
        if self.team_edits:  # a team's shared records reach all its members, whatever the rung
            q |= Q(**{f"{p}team_id__in": actor.team_ids}) & ~Q(**{f"{p}visibility": Visibility.PRIVATE})
        return q

    def scope(self, actor, qs):
        return qs.filter(self.audience_q(actor))

    def can_view(self, actor, obj):
        if actor.person_id and obj.author_id == actor.person_id:
            return True
        if self.team_edits and obj.visibility != Visibility.PRIVATE and obj.team_id in actor.team_ids:
            return True
        if actor.superuser and obj.visibility != Visibility.PRIVATE:
            return True
        return {
            Visibility.PRIVATE: False,
            Visibility.TEAM: obj.team_id in actor.team_ids,
            Visibility.SCHOOL: obj.school_id in actor.school_ids,
            Visibility.NETWORK: obj.network_id in actor.network_ids,
            Visibility.DISTRICT: obj.district_id in actor.district_ids,
        }[obj.visibility]

    def may_place(self, actor, name, obj) -> bool:
        """May ``actor`` put a record in ``obj``'s team, school or network (``name``)?"""
        from districtlab.org.models import NetworkMembership

        place = getattr(obj, name)
        if actor.has_role(place.district_id, R.ADMIN, R.CENTRAL):  # central office works across its district
            return True
        if name == "team":
            return place.pk in actor.team_ids or place.school_id in actor.led_school_ids
        if name == "school":
            return place.pk in actor.school_ids
        return place.pk in actor.network_ids or NetworkMembership.objects.filter(
            network=place, school_id__in=actor.school_ids).exists()  # a network of my school, in any year

    def misplaced(self, actor, obj):
        return {name: self.PLACE_RULES[name] for name in self.places
                if getattr(obj, f"{name}_id") is not None and moved(obj, name) and not self.may_place(actor, name, obj)}

    def can_create(self, actor, obj):
        if actor.person is None:
            return False
        if obj is None:
            return True
        return (obj.author_id == actor.person_id and obj.district_id in actor.district_ids
                and obj.visibility == Visibility.PRIVATE  # it starts as a private draft, whatever its parent's rung
                and not self.misplaced(actor, obj))

    def can_change(self, actor, obj):
        if actor.person_id is None:
            return False
        if obj.author_id == actor.person_id:
            return not self.misplaced(actor, obj)
        return (self.team_edits and obj.visibility != Visibility.PRIVATE and obj.team_id in actor.team_ids
                and not self.misplaced(actor, obj))

    def can_share(self, actor, obj, level) -> bool:
        """Whoever may change a record shares it up the ladder; an external partner shares only with the teams,
        schools and networks they work with, never the whole district."""
        if level == Visibility.DISTRICT and actor.is_external(obj.district_id):
            return False
        return self.can_change(actor, obj)

    def can_delete(self, actor, obj):
        return actor.person_id is not None and obj.author_id == actor.person_id


class PartPolicy(Policy):
    """Records that are part of an authored record (a cycle's measures, a measure's data points): whoever
    may see the whole sees the part; whoever may change the whole adds, changes and removes its parts."""

    def __init__(self, whole: LadderPolicy, *paths: str):
        self.whole, self.paths = whole, paths  # attribute paths to the whole, e.g. "cycle" or "measure__cycle"

    def parent(self, obj):
        for path in self.paths:
            value = obj
            for name in path.split("__"):
                value = getattr(value, name, None)
                if value is None:
                    break
            if value is not None:
                return value
        return None

    def scope(self, actor, qs):
        q = Q()
        for path in self.paths:
            q |= self.whole.audience_q(actor, prefix=f"{path}__")
        return qs.filter(q)

    def can_view(self, actor, obj):
        parent = self.parent(obj)
        return parent is not None and self.whole.can_view(actor, parent)

    def misplaced(self, actor, obj):
        for path in self.paths:
            root = path.split("__")[0]
            if getattr(obj, f"{root}_id", None) is None:
                continue
            parent = self.parent(obj)
            if parent is not None and not (self.whole.can_view(actor, parent) and self.whole.can_change(actor, parent)):
                return {root: f"You can only add this to a {parent._meta.verbose_name} you may change."}
            return {}
        return {}

    def can_create(self, actor, obj):
        if obj is None:
            return actor.person is not None
        parent = self.parent(obj)
        return parent is not None and self.whole.can_view(actor, parent) and self.whole.can_change(actor, parent)

    def can_change(self, actor, obj):
        return self.whole.can_change(actor, self.parent(obj))

    can_delete = can_change
