"""Who may do what in the program's annual cycle (issue 14). Registered with the one permission layer.

- Central office and district admins run the cycle: calls, rubrics, decisions, proposals, publishing.
- Reviewers (central office and facilitators) see every submitted application, score it and record host visits.
- A principal/AP applies for their own school: the draft is the school's until submitted; after the call closes or
  once submitted, it changes only by withdrawing. Staff of the school read its applications once submitted.
- A designation application is its applicant's draft until submitted; then central office and the approvers of its
  chain read it. A placement (and its agreement) is read by the school's staff and the program's staff; each person
  signs for themself.
- Researchers and external partners see none of it: applications are schools' own words about themselves.
"""
from operator import attrgetter

from django.db.models import Q

from districtlab.core import roles as R
from districtlab.core.permissions import Policy, register

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


class ApplicationPolicy(Policy):
    path = ""  # from the record to its application

    def application(self, obj) -> m.Application:
        return attrgetter(self.path)(obj) if self.path else obj

    def scope(self, actor, qs):
        if actor.superuser:
            return qs
        p = f"{self.path}__" if self.path else ""
        reviewed = actor.districts_with(*REVIEWERS)
        submitted = ~Q(**{f"{p}status": m.Application.Status.DRAFT})
        return qs.filter(Q(**{f"{p}call__district_id__in": reviewed}) & submitted
                         | Q(**{f"{p}school_id__in": actor.led_school_ids})
                         | Q(**{f"{p}school_id__in": actor.school_ids}) & submitted)

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


class PlacementPolicy(Policy):
    """A school's place in next year's networks: its staff and the program's staff read it."""

    path = ""

    def placement(self, obj) -> m.Placement:
        return attrgetter(self.path)(obj) if self.path else obj

    def scope(self, actor, qs):
        if actor.superuser:
            return qs
        p = f"{self.path}__" if self.path else ""
        reviewed = actor.districts_with(*REVIEWERS)
        return qs.filter(Q(**{f"{p}network__district_id__in": reviewed})
                         | Q(**{f"{p}application__school_id__in": actor.school_ids}))

    def can_view(self, actor, obj):
        p = self.placement(obj)
        return (actor.superuser or reviews(actor, p.network.district_id)
                or p.application.school_id in actor.school_ids)

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


register(m.Call, CallPolicy())
register(m.RubricCriterion, CallPartPolicy())
register(m.Proposal, CallPartPolicy())
register(m.Eligibility, EligibilityPolicy())
register(m.Application, ApplicationPolicy())
register(m.Score, ReviewPolicy())
register(m.HostVisit, ReviewPolicy())
register(m.DesignationApplication, DesignationApplicationPolicy())
register(m.Approval, ReviewPolicy())  # the designations' own pages refine who reads a chain's steps
register(m.Placement, PlacementPolicy())
register(m.Signature, SignaturePolicy())
