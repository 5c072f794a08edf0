"""Template helpers for the agreements part of the program's cycle: links shown only to those they are for."""
from django import template

from districtlab.core.permissions import scope

from .. import models as m
from ..policies import reviews
from ..views.agreements import sees_history

register = template.Library()


@register.filter
def sees_program_history(actor, school) -> bool:
    """``actor|sees_program_history:school``: may the actor read the school's history in the program?"""
    return school is not None and actor is not None and actor.authenticated and sees_history(actor, school)


@register.filter
def reviews_call(actor, call) -> bool:
    """``actor|reviews_call:call``: is the actor the program's staff (central office, facilitator) for the call?"""
    return call is not None and actor is not None and actor.authenticated and reviews(actor, call.district_id)


@register.simple_tag
def placements_to_sign(actor, call):
    """The placements of the actor's own schools under ``call``: the agreements they may read and sign."""
    if actor is None or not actor.authenticated or not actor.school_ids:
        return []
    return list(scope(actor, m.Placement.objects.filter(application__call=call,
                                                        application__school_id__in=actor.school_ids))
                .select_related("application__school", "network").order_by("application__school__name"))


@register.simple_tag
def may_apply_for_designation(actor, call) -> bool:
    """Does the actor hold a teacher's or principal's position in the call's district (who applies)?"""
    from ..views.designations import applicant_positions

    return actor is not None and actor.authenticated and bool(applicant_positions(actor, call))
