"""The home page's card: the surveys the person is asked to answer and has not yet."""
from districtlab.core.home import card

from . import models as m


@card("evaluation/_my_surveys.html")
def my_surveys(actor, years):
    if actor.person is None:
        return None
    waiting = list(m.Invitation.objects.filter(person=actor.person, answered=False,
                                               survey__status=m.Survey.Status.OPEN)
                   .select_related("survey__school_year").order_by("survey__closes", "pk")[:10])
    return {"invitations": waiting} if waiting else None
