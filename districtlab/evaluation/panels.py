"""Survey evidence on the pages of what it is evidence for: a cycle's, a practice's and a network's. Each shows
the survey's aggregate (the scale's mean score, or how many answered) as it stands, never a group below the
survey's smallest size, so people who may not open the survey's results still read what was offered to them."""
from django.urls import reverse

from districtlab.core.panels import panel
from districtlab.core.permissions import CREATE, can, scope

from . import models as m
from .policies import SURVEYS

OFFERED = 50  # surveys looked through for one whose results the viewer reads (and so may offer as evidence)


def evidence_for(actor, name, record) -> dict | None:
    from .results import evidence_figure  # numpy and scipy: loaded by a page that shows evidence, not at start-up

    links = list(scope(actor, m.SurveyEvidence.objects.filter(**{name: record})).select_related(
        "survey__school_year", "scale"))
    surveys = scope(actor, m.Survey.objects.filter(district_id=record.district_id)).exclude(
        status=m.Survey.Status.DRAFT).only("district_id", "school_id")[:OFFERED]
    adding = can(actor, CREATE, m.SurveyEvidence) and any(SURVEYS.reads_results(actor, s) for s in surveys)
    if not links and not adding:
        return None
    return {"links": [(link, evidence_figure(link), SURVEYS.reads_results(actor, link.survey)) for link in links],
            "add": f"{reverse('evaluation:surveyevidence-create')}?{name}={record.pk}" if adding else ""}


@panel("cycle", "evaluation/_evidence_section.html")
def cycle_evidence(actor, cycle):
    return evidence_for(actor, "cycle", cycle)


@panel("practice", "evaluation/_evidence_section.html")
def practice_evidence(actor, practice):
    return evidence_for(actor, "practice", practice)


@panel("network", "evaluation/_evidence_item.html")
def network_evidence(actor, network):
    return evidence_for(actor, "network", network)
