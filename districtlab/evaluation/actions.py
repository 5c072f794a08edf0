"""What a survey's builders do to it: open and close it, copy it (a new version, next year's), and ask its
audience (personal links by email, in the background), and reminders to those who have not answered."""
from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from districtlab.accounts.mail import deliver
from districtlab.core import roles as R
from districtlab.jobs.tasks import Refused, progress
from districtlab.org.models import NetworkMembership, Position

from . import models as m


class NotNow(Exception):
    """The survey is not in a state for this (its message says why, for a person)."""


@dataclass(frozen=True)
class Invitee:
    person_id: int
    school_id: int | None
    role: str


def audience(survey: m.Survey) -> list[Invitee]:
    """Who the survey asks: people with a position in its school year whose role, school, network and new or
    returning status match its audience (a person with several matching positions is asked once, for the first
    by role order then school). A fixed number of queries."""
    year = survey.school_year
    positions = Position.objects.filter(district_id=survey.district_id).filter(
        Q(start__isnull=True) | Q(start__lte=year.end), Q(end__isnull=True) | Q(end__gte=year.start))
    roles = set(survey.audience_roles or [])
    if roles:
        positions = positions.filter(kind__in=[kind for kind, role in R.POSITION_ROLE.items() if role in roles])
    schools = set(survey.audience_schools.values_list("pk", flat=True))
    if survey.school_id:  # a school's own survey asks its own people only
        schools = (schools & {survey.school_id}) if schools else {survey.school_id}
        if not schools:
            return []
    memberships = NetworkMembership.objects.filter(network__school_year=year)
    networks = list(survey.audience_networks.values_list("pk", flat=True))
    if networks:
        memberships = memberships.filter(network_id__in=networks)
    if survey.audience_returning:
        memberships = memberships.filter(returning=survey.audience_returning == m.Survey.Returning.RETURNING)
    if networks or survey.audience_returning:
        in_networks = set(memberships.values_list("school_id", flat=True))
        schools = schools & in_networks if schools else in_networks
        if not schools:
            return []
    if schools:
        positions = positions.filter(school_id__in=schools)
    chosen: dict[int, Invitee] = {}
    askable = {role for role, _ in m.AUDIENCE_ROLES}
    order = {role: i for i, role in enumerate(R.ROLE_ORDER)}
    for person_id, school_id, kind in positions.order_by("person_id", "school_id").values_list(
            "person_id", "school_id", "kind"):
        role = R.POSITION_ROLE[kind]
        if role not in askable:
            continue  # researchers study a survey and admins run it: neither takes part in it
        earlier = chosen.get(person_id)
        if earlier is None or order[role] < order[earlier.role]:
            chosen[person_id] = Invitee(person_id, school_id, role)
    return list(chosen.values())


def open_survey(survey: m.Survey) -> None:
    if not survey.sections.filter(items__isnull=False).exists():
        raise NotNow("Add at least one question before opening the survey.")
    if survey.status != m.Survey.Status.DRAFT:
        raise NotNow("The survey is already open or closed.")
    survey.status = m.Survey.Status.OPEN
    survey.save()


def close_survey(survey: m.Survey) -> None:
    if survey.status != m.Survey.Status.OPEN:
        raise NotNow("Only an open survey can be closed.")
    survey.status = m.Survey.Status.CLOSED
    survey.save()


@transaction.atomic
def copy_survey(survey: m.Survey, *, school_year=None, by=None) -> m.Survey:
    """A draft copy of ``survey`` with its sections, questions and scales: a new version in the same school year,
    or ``school_year``'s survey (version 1). The copy names ``survey`` as the one it repeats."""
    same_year = school_year is None or school_year.pk == survey.school_year_id
    if school_year is not None and school_year.district_id != survey.district_id:
        raise NotNow("That school year is another district's.")
    version = (m.Survey.objects.filter(district_id=survey.district_id, school_year=survey.school_year,
                                       title=survey.title).order_by("-version").values_list("version", flat=True)
               .first() + 1) if same_year else 1
    copy = m.Survey.objects.create(
        district_id=survey.district_id, school_year=survey.school_year if same_year else school_year,
        title=survey.title, introduction=survey.introduction, mode=survey.mode, minimum_group=survey.minimum_group,
        audience_roles=survey.audience_roles, audience_returning=survey.audience_returning, version=version,
        previous=survey, created_by=by, synthetic=survey.synthetic)
    copy.audience_schools.set(survey.audience_schools.all())
    if same_year:
        copy.audience_networks.set(survey.audience_networks.all())  # networks are a year's; next year's differ
    items = {}
    for section in survey.sections.prefetch_related("items"):
        new_section = m.Section.objects.create(survey=copy, number=section.number, title=section.title,
                                               introduction=section.introduction)
        for item in section.items.all():
            items[item.pk] = m.Item.objects.create(
                section=new_section, number=item.number, kind=item.kind, prompt=item.prompt, help=item.help,
                required=item.required, options=item.options, statements=item.statements)
    for scale in survey.scales.prefetch_related("members"):
        new_scale = m.Scale.objects.create(survey=copy, name=scale.name, description=scale.description)
        for member in scale.members.all():
            m.ScaleItem.objects.create(scale=new_scale, item=items[member.item_id], row=member.row,
                                       reverse=member.reverse)
    return copy


def invite(survey: m.Survey) -> int:
    """Add an invitation for everyone in the audience not yet invited; returns how many were added."""
    if survey.status != m.Survey.Status.OPEN:
        raise NotNow("Open the survey before sending it.")
    invited = set(survey.invitations.values_list("person_id", flat=True))
    new = [m.Invitation(survey=survey, person_id=i.person_id, school_id=i.school_id, role=i.role)
           for i in audience(survey) if i.person_id not in invited]
    m.Invitation.objects.bulk_create(new, batch_size=1000)
    return len(new)


def letter(invitation: m.Invitation, base: str, reminder: bool) -> str:
    survey = invitation.survey
    opening = ("A reminder: you have not yet answered" if reminder else "You are invited to answer")
    closes = f" It closes on {survey.closes:%B %-d, %Y}." if survey.closes else ""
    privacy = ("Your answers are anonymous: nothing links them to you, not even for district administrators."
               if survey.anonymous else
               "Your answers are confidential: they are shown only in summaries of at least "
               f"{survey.minimum_group} people.")
    return (f"Dear {invitation.person.name},\n\n{opening} “{survey.title}” ({survey.school_year}).{closes}\n\n"
            f"{survey.introduction}\n\n{privacy}\n\nYour personal link (please do not forward it):\n"
            f"{base.rstrip('/')}{invitation.get_absolute_url()}\n\nYour answers are saved as you go: you can "
            f"stop and come back with the same link.\n")


def send_job(job) -> str:
    """Email personal links: to everyone in the audience not yet sent one (the audience read afresh, so people who
    joined it since are asked too), or (``reminder``) to everyone who has not answered and was not reminded today.
    Each invitation is marked as it goes, so a retry sends only the rest."""
    survey = m.Survey.objects.select_related("school_year").filter(pk=job.target_id).first()
    if survey is None or survey.status != m.Survey.Status.OPEN:
        raise Refused("the survey is not open")
    reminder, base = job.params.get("reminder", False), job.params.get("base", "")
    if not reminder:
        progress(job, "finding everyone in the audience")
        invite(survey)
    pending = survey.invitations.select_related("person").order_by("pk")
    if reminder:
        pending = pending.filter(answered=False, sent__isnull=False).exclude(reminded__date=timezone.localdate())
    else:
        pending = pending.filter(sent__isnull=True)
    pending = list(pending)
    sent = without = 0
    for done, invitation in enumerate(pending, 1):
        invitation.survey = survey
        now = timezone.now()
        if invitation.person.email:
            subject = f"{'Reminder: ' if reminder else ''}{survey.title}"
            deliver(EmailMessage(subject, letter(invitation, base, reminder), settings.DEFAULT_FROM_EMAIL,
                                 [invitation.person.email]))
            sent += 1
        else:
            without += 1
        m.Invitation.objects.filter(pk=invitation.pk).update(**({"reminded": now} if reminder else {"sent": now}))
        if done % 50 == 0:
            progress(job, f"{done} of {len(pending)}")
    words = f"{sent} {'reminder' if reminder else 'invitation'}{'s' if sent != 1 else ''} sent"
    return words + (f"; {without} {'person has' if without == 1 else 'people have'} no email address." if without
                    else ".")
