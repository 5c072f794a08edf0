"""The network page's links to its visits: the visits list, feedback trends and (for who plans) the year planner."""
from django.urls import reverse

from districtlab.core.panels import panel

from . import models as m
from .policies import MEETINGS


def may_plan(actor, network) -> bool:
    """Who plans a network's site visits: whoever may run one of its visits (its facilitator, central office)."""
    visit = m.Meeting(district_id=network.district_id, network=network, kind=m.Meeting.Kind.SITE_VISIT)
    return MEETINGS.runs(actor, visit)


@panel("network", "visits/_network_panel.html")
def network_panel(actor, network):
    """Visits and feedback trends are open to whoever sees the network (each lists only what they may see); the
    planner only to who plans."""
    return {
        "visits": f"{reverse('visits:meeting-list')}?network={network.pk}",
        "feedback": reverse("visits:feedback-trends", args=[network.pk]),
        "planner": reverse("visits:planner", args=[network.pk]) if may_plan(actor, network) else None,
    }
