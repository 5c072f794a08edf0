"""Who sees a job: the person who started it and, for a job about a record (a visit's summary), whoever may change
that record; nobody changes a job by hand."""
from districtlab.core import roles as R
from districtlab.core.permissions import CHANGE, Policy, can


class JobPolicy(Policy):
    def scope(self, actor, qs):
        return qs.filter(owner=actor.user) if actor.user else qs.none()

    def can_view(self, actor, obj):
        if actor.user is not None and obj.owner_id == actor.user.pk:
            return True
        target = obj.target
        return target is not None and can(actor, CHANGE, target)


class AnalysisPolicy(Policy):
    """A district's stored analysis: read, and computed again on request, by those who follow the program there."""

    def scope(self, actor, qs):
        if actor.superuser:
            return qs
        return qs.filter(district_id__in=actor.districts_with(*R.PROGRAM_ROLES))

    def can_view(self, actor, obj):
        return actor.superuser or actor.has_role(obj.district_id, *R.PROGRAM_ROLES)

    can_change = can_view
