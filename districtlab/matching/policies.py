"""Who may do what in the program's annual cycle (issue 14). Registered with the one permission layer.

- Central office and district admins run the cycle: calls, rubrics, decisions, proposals, publishing.
- Reviewers (central office and facilitators) see every submitted application, score it and record host visits.
- A principal/AP applies for their own school: the draft is the school's until submitted; after the call closes or
  once submitted, it changes only by withdrawing. Staff of the school read its applications once submitted.
- A designation application is its applicant's draft until submitted; then central office and the approvers of its
  chain read it. A placement (its letter and agreement) is read by the school's staff, central office and the
  facilitators of its network (not every facilitator of the district); each person signs for themself.
- Researchers and external partners see none of it: applications are schools' own words about themselves.
"""
from operator import attrgetter

from django.db.models import Q

from districtlab.core import roles as R
from districtlab.core.permissions import Policy, register
from districtlab.org.models import Network

from . import models as m

RUNNERS = (R.ADMIN, R.CENTRAL)
REVIEWERS = (R.ADMIN, R.CENTRAL, R.FACILITATOR)
STAFF = (R.ADMIN, R.CENTRAL, R.FACILITATOR, R.PRINCIPAL, R.TEACHER, R.COACH)


def reviews(actor, district_id) -> bool:
    return actor.superuser or actor.has_role(district_id, *REVIEWERS)


def runs(actor, district_id) -> bool:
    return actor.superuser or actor.has_role(district_id, *RUNNERS)


class CyclePolicy(Policy):
    """Records the program's staff read and central office writes (calls, rubrics, proposals, eligibility)."""

    district_path = "district_id"
    readers = REVIEWERS

    def district_id(self, obj):
        try:
            return attrgetter(self.district_path.replace("__", "."))(obj)
        except AttributeError:
            return None

    def scope(self, actor, qs):
        if actor.superuser:
            return qs
        ids = actor.districts_with(*self.readers)
        return qs.filter(**{f"{self.district_path}__in": ids})

    def can_view(self, actor, obj):
        return actor.superuser or actor.has_role(self.district_id(obj), *self.readers)

    def can_create(self, actor, obj):
        if obj is None:
            return actor.superuser or bool(actor.districts_with(*RUNNERS))
        return runs(actor, self.district_id(obj))

    def can_change(self, actor, obj):
        return runs(actor, self.district_id(obj))

    def can_delete(self, actor, obj):
        return runs(actor, self.district_id(obj))


class CallPolicy(CyclePolicy):
    """Every member of the district's staff reads a call (principals apply to it; teachers sign its agreement)."""

    readers = STAFF


def facilitated(actor):
    """The networks (of any school year: next year's too) the actor facilitates, as a subquery of network ids."""
    return Network.facilitators.through.objects.filter(person_id=actor.person_id).values("network_id")


class AlongPolicy(Policy):
    """A policy judging a record by the one it belongs to (a score by its application, a signature by its
    placement): ``path`` leads from the record to it (``""``: the record itself), said once for objects and lookups."""

    path = ""

    def along(self, obj):
        return attrgetter(self.path)(obj) if self.path else obj

    def lookup(self, field: str) -> str:
        return f"{self.path}__{field}" if self.path else field


class ApplicationPolicy(AlongPolicy):
    def application(self, obj) -> m.Application:
        return self.along(obj)

    def scope(self, actor, qs):
        if actor.superuser:
            return qs
        at = self.lookup
        reviewed = actor.districts_with(*REVIEWERS)
        submitted = ~Q(**{at("status"): m.Application.Status.DRAFT})
        return qs.filter(Q(**{at("call__district_id__in"): reviewed}) & submitted
                         | Q(**{at("school_id__in"): actor.led_school_ids})
                         | Q(**{at("school_id__in"): actor.school_ids}) & submitted)

    def can_view(self, actor, obj):
        a = self.application(obj)
        if actor.superuser or a.school_id in actor.led_school_ids:
            return True
        submitted = a.status != m.Application.Status.DRAFT
        return submitted and (reviews(actor, a.call.district_id) or a.school_id in actor.school_ids)

    def can_create(self, actor, obj):
        if obj is None:
            return actor.superuser or bool(actor.led_school_ids)
        return actor.superuser or obj.school_id in actor.led_school_ids

    def can_change(self, actor, obj):
        return actor.superuser or obj.school_id in actor.led_school_ids

    def can_delete(self, actor, obj):
        return (actor.superuser or obj.school_id in actor.led_school_ids) and obj.status == m.Application.Status.DRAFT


class ReviewPolicy(ApplicationPolicy):
    """A score or host visit: reviewers read and write them; the school never sees them."""

    path = "application"

    def scope(self, actor, qs):
        if actor.superuser:
            return qs
        return qs.filter(application__call__district_id__in=actor.districts_with(*REVIEWERS))

    def can_view(self, actor, obj):
        return reviews(actor, self.application(obj).call.district_id)

    def can_create(self, actor, obj):
        if obj is None:
            return actor.superuser or bool(actor.districts_with(*REVIEWERS))
        return reviews(actor, self.application(obj).call.district_id)

    def can_change(self, actor, obj):
        return reviews(actor, self.application(obj).call.district_id)

    can_delete = can_change


class DesignationApplicationPolicy(Policy):
    def scope(self, actor, qs):
        if actor.superuser:
            return qs
        runners = Q(call__district_id__in=actor.districts_with(*RUNNERS))
        return qs.filter(Q(person_id=actor.person_id) | runners & ~Q(status=m.DesignationApplication.Status.DRAFT))

    def can_view(self, actor, obj):
        if actor.superuser or obj.person_id == actor.person_id:
            return True
        return obj.status != m.DesignationApplication.Status.DRAFT and runs(actor, obj.call.district_id)

    def can_create(self, actor, obj):
        if obj is None:
            return actor.person is not None
        return actor.superuser or obj.person_id == actor.person_id

    def can_change(self, actor, obj):
        return actor.superuser or obj.person_id == actor.person_id

    def can_delete(self, actor, obj):
        return self.can_change(actor, obj) and obj.status == m.DesignationApplication.Status.DRAFT


class PlacementPolicy(AlongPolicy):
    """A school's place in next year's networks: its staff read it; of the program's staff, central office reads
    every placement of its district and a facilitator those in the networks they facilitate (next year's networks,
    assigned when the proposal is published), not the whole district's."""

    def placement(self, obj) -> m.Placement:
        return self.along(obj)

    def scope(self, actor, qs):
        if actor.superuser:
            return qs
        at = self.lookup
        mine = Q(**{at("network__district_id__in"): actor.districts_with(*RUNNERS)}) | Q(
            **{at("application__school_id__in"): actor.school_ids})
        if actor.person_id is not None and actor.districts_with(R.FACILITATOR):
            mine |= Q(**{at("network_id__in"): facilitated(actor)})
        return qs.filter(mine)

    def can_view(self, actor, obj):
        p = self.placement(obj)
        return (actor.superuser or runs(actor, p.network.district_id)
                or p.application.school_id in actor.school_ids
                or actor.has_role(p.network.district_id, R.FACILITATOR)
                and facilitated(actor).filter(network_id=p.network_id).exists())

    def can_create(self, actor, obj):
        return False  # publishing a proposal places schools

    def can_change(self, actor, obj):
        return runs(actor, obj.network.district_id)


class SignaturePolicy(PlacementPolicy):
    path = "placement"

    def can_create(self, actor, obj):
        if obj is None:
            return actor.person is not None
        return (actor.person_id is not None and obj.person_id == actor.person_id
                and obj.placement.application.school_id in actor.school_ids)

    def can_change(self, actor, obj):
        return False  # a signature stands as signed


class CallPartPolicy(CyclePolicy):
    district_path = "call__district_id"


class EligibilityPolicy(CyclePolicy):
    district_path = "rule__district_id"
    readers = STAFF


class CoveragePolicy(CyclePolicy):
    """The schools an approver covers: central office (who sets the designations' rules) reads and sets them; the
    designation pages route a step by them whoever reads the application."""

    district_path = "position__district_id"
    readers = RUNNERS


register(m.Call, CallPolicy())
register(m.RubricCriterion, CallPartPolicy())
register(m.Proposal, CallPartPolicy())
register(m.Eligibility, EligibilityPolicy())
register(m.Coverage, CoveragePolicy())
register(m.Application, ApplicationPolicy())
register(m.Score, ReviewPolicy())
register(m.HostVisit, ReviewPolicy())
register(m.DesignationApplication, DesignationApplicationPolicy())
register(m.Approval, ReviewPolicy())  # the designations' own pages refine who reads a chain's steps
register(m.Placement, PlacementPolicy())
register(m.Signature, SignaturePolicy())
