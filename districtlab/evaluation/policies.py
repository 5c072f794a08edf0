"""Who may build, answer and read surveys.

Central office (and district admins) build and send surveys; a principal builds their own school's. Everyone who
follows the program across schools (central office, facilitators, researchers) sees the district's surveys and
reads their results, as a principal reads their school's: always in aggregate and never for a group smaller than
the survey's smallest group. Anyone invited sees the survey they
were asked to answer. A response is its respondent's alone: a confidential survey's respondent sees their own;
an anonymous survey's response is nobody's, so the permission layer shows it to no one.
"""
from django.db.models import Q

from districtlab.core import roles as R
from districtlab.core.permissions import VIEW, Policy, can, register, scope
from districtlab.org.policies import EDITORS, OrgPolicy

from . import models as m


class SurveyPolicy(OrgPolicy):
    def reads_results(self, actor, survey) -> bool:
        """May ``actor`` read the survey's results (aggregates) and response rates?"""
        return (actor.superuser or actor.has_role(survey.district_id, *R.PROGRAM_ROLES)
                or self.local_editor(actor, survey))

    def local_editor(self, actor, obj):
        return obj.school_id is not None and obj.school_id in actor.led_school_ids

    def creates_locally(self, actor):
        return bool(actor.led_school_ids)

    def misplaced(self, actor, obj):
        if actor.superuser or actor.has_role(obj.district_id, *EDITORS) or self.local_editor(actor, obj):
            return {}
        return {"school": "Choose your own school: a principal builds surveys of their own school."}

    def scope(self, actor, qs):
        if actor.superuser:
            return qs
        invited = Q(pk__in=m.Invitation.objects.filter(person_id=actor.person_id).values("survey_id")) & ~Q(
            status=m.Survey.Status.DRAFT)  # a subquery: joining the invitations would repeat a survey per invitation
        mine = Q(district_id__in=actor.districts_with(*R.PROGRAM_ROLES)) | Q(school_id__in=actor.led_school_ids)
        return qs.filter(mine | invited) if actor.person_id else qs.filter(mine)

    def can_view(self, actor, obj):
        if self.reads_results(actor, obj):
            return True
        return (obj.frozen and actor.person_id is not None
                and obj.invitations.filter(person_id=actor.person_id).exists())


SURVEYS = SurveyPolicy()


class SurveyPartPolicy(Policy):
    """A survey's sections, questions and scales: seen with the survey; changed by whoever may change the survey,
    while it is a draft (once open, its questions never change under its answers)."""

    def __init__(self, path):
        self.path = path  # from the part to its survey, e.g. "section__survey"

    def survey(self, obj):
        return obj.owning_survey()

    def scope(self, actor, qs):
        return qs.filter(**{f"{self.path}__in": SURVEYS.scope(actor, m.Survey.objects.all())})

    def can_view(self, actor, obj):
        survey = self.survey(obj)
        return survey is not None and SURVEYS.can_view(actor, survey)

    def can_create(self, actor, obj):
        if obj is None:
            return SURVEYS.can_create(actor, None)
        return self.can_change(actor, obj)

    def can_change(self, actor, obj):
        survey = self.survey(obj)
        return (survey is not None and not survey.frozen and SURVEYS.can_view(actor, survey)
                and SURVEYS.can_change(actor, survey))

    can_delete = can_change

    def misplaced(self, actor, obj):
        survey = self.survey(obj)
        if survey is None or self.can_create(actor, obj):
            return {}
        where = self.path.split("__")[0]
        if survey.frozen:
            return {where: "That survey is open: its questions no longer change. Make a new version to change them."}
        return {where: "You can only change a survey your office or school builds."}


class InvitationPolicy(Policy):
    """Who was asked, and whether they answered: for those who read the results; one's own invitations."""

    def scope(self, actor, qs):
        if actor.superuser:
            return qs
        return qs.filter(Q(survey__district_id__in=actor.districts_with(*R.PROGRAM_ROLES))
                         | Q(person_id=actor.person_id))

    def can_view(self, actor, obj):
        return obj.person_id == actor.person_id or SURVEYS.reads_results(actor, obj.survey)

    def can_create(self, actor, obj):
        return SURVEYS.can_create(actor, None) if obj is None else SURVEYS.can_change(actor, obj.survey)

    def can_change(self, actor, obj):
        return SURVEYS.can_change(actor, obj.survey)

    can_delete = can_change


class ResponsePolicy(Policy):
    """A confidential survey's respondent sees their own answers; nobody sees anybody else's."""

    def scope(self, actor, qs):
        return qs.filter(person_id=actor.person_id) if actor.person_id else qs.none()

    def can_view(self, actor, obj):
        return actor.person_id is not None and obj.person_id == actor.person_id


class EvidencePolicy(Policy):
    """Survey evidence is seen with what it is evidence for; added by whoever reads the survey's results and sees
    that cycle, practice or network (researchers study it, they do not add to it)."""

    TARGETS = {"cycle": "inquiry.Cycle", "practice": "practices.Practice", "network": "org.Network"}

    def scope(self, actor, qs):
        from django.apps import apps

        q = Q()
        for name, label in self.TARGETS.items():
            q |= Q(**{f"{name}__in": scope(actor, apps.get_model(label).objects.all())})
        return qs.filter(q)

    def can_view(self, actor, obj):
        target = obj.target
        return target is not None and can(actor, VIEW, target)

    def can_create(self, actor, obj):
        if actor.pseudonymous or actor.person is None:
            return False
        if obj is None:
            return True
        target = obj.target
        return (obj.survey_id is not None and SURVEYS.reads_results(actor, obj.survey)
                and (target is None or can(actor, VIEW, target)))

    can_change = can_delete = can_create

    def misplaced(self, actor, obj):
        if obj.survey_id and not SURVEYS.reads_results(actor, obj.survey):
            return {"survey": "You can only offer the results of a survey you may read."}
        return {}


class IndicatorPolicy(OrgPolicy):
    district_path = "outcome__district_id"


register(m.Survey, SURVEYS)
register(m.Outcome, OrgPolicy())  # the program's aims: read by everyone in the district, set by central office
register(m.Indicator, IndicatorPolicy())
register(m.SurveyEvidence, EvidencePolicy())
register(m.Section, SurveyPartPolicy("survey"))
register(m.Item, SurveyPartPolicy("section__survey"))
register(m.Scale, SurveyPartPolicy("survey"))
register(m.ScaleItem, SurveyPartPolicy("scale__survey"))
register(m.Invitation, InvitationPolicy())
register(m.Response, ResponsePolicy())
