"""Answering a survey through a personal link: answers are kept as they are typed (each valid answer saved, a
wrong one named and the earlier answer kept), the response resumes from the same link, and submitting checks the
required questions. An anonymous survey's unfinished response is found by a key derived from the link; once it
is submitted the key is dropped and nothing leads from the respondent to it."""
from __future__ import annotations

import math

from django.db import transaction
from django.utils import timezone

from districtlab.org.models import NetworkMembership

from . import models as m

FIELD = "q"  # an answer's form field is "q" + its key: q12, q12.3 (a matrix's third statement)
LONGEST = {m.Item.Kind.SHORT: 300, m.Item.Kind.LONG: 10_000}


class Closed(Exception):
    """The survey takes no answers now (its message says why)."""


def draft_key(invitation: m.Invitation) -> str:
    return m.digest(f"draft:{invitation.token}")




def response_for(invitation: m.Invitation) -> m.Response | None:
    """The invitee's response, started if need be; None once an anonymous response has been submitted (it can no
    longer be found, by design)."""
    survey = invitation.survey
    if survey.anonymous:
        if invitation.answered:
            return None
        found = m.Response.objects.filter(survey=survey, draft_key=draft_key(invitation)).first()
        return found or start(invitation, draft_key=draft_key(invitation))
    found = m.Response.objects.filter(survey=survey, person_id=invitation.person_id).first()
    return found or start(invitation, person_id=invitation.person_id)


def start(invitation: m.Invitation, **who) -> m.Response:
    """A new response with the invitee's descriptors: role and school as invited, network and new or returning
    from the school's membership in the survey's school year."""
    membership = NetworkMembership.objects.filter(
        school_id=invitation.school_id, network__school_year_id=invitation.survey.school_year_id).order_by(
        "network_id").first() if invitation.school_id else None
    return m.Response.objects.create(
        survey=invitation.survey, role=invitation.role, school_id=invitation.school_id,
        network_id=membership.network_id if membership else None,
        returning=membership.returning if membership else None, **who)


def check_open(survey: m.Survey, today=None) -> None:
    today = today or timezone.localdate()
    if survey.status == m.Survey.Status.DRAFT:
        raise Closed("This survey is not open yet.")
    if survey.status == m.Survey.Status.CLOSED or (survey.closes and today > survey.closes):
        raise Closed("This survey is closed: thank you for your interest.")
    if survey.opens and today < survey.opens:
        raise Closed(f"This survey opens on {survey.opens:%B %-d, %Y}.")


def read(item: m.Item, raw: list[str]):
    """The value of one answer as typed (``raw``: the form's values for its field); None for no answer; ValueError
    with a message for a person when it is not an answer to this question."""
    values = [v.strip() for v in raw if v.strip()]
    if not values:
        return None
    if item.kind in m.Item.CHOICES:
        count = len(item.option_list)
        try:
            chosen = sorted({int(v) for v in values})
        except ValueError:
            raise ValueError("Choose one of the options.") from None
        if any(not 1 <= c <= count for c in chosen):
            raise ValueError("Choose one of the options.")
        if item.kind == m.Item.Kind.MULTIPLE:
            return chosen
        if len(chosen) > 1:
            raise ValueError("Choose only one option.")
        return chosen[0]
    if item.kind == m.Item.Kind.NUMBER:
        try:
            number = float(values[0].replace(",", ""))
        except ValueError:
            raise ValueError("Give a number, e.g. 12 or 3.5.") from None
        if not math.isfinite(number):
            raise ValueError("Give a number, e.g. 12 or 3.5.")
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    text = values[0] if len(values) == 1 else "\n".join(values)
    if len(text) > LONGEST[item.kind]:
        raise ValueError(f"Keep it under {LONGEST[item.kind]:,} characters (this is {len(text):,}).")
    return text


def save(response: m.Response, items: list[m.Item], data, only_sent: bool = False) -> dict[str, str]:
    """Keep the answers in ``data`` (a form's values); returns the wrong ones, by field, with why. A wrong answer
    keeps the one saved before. With ``only_sent``, questions absent from ``data`` are left as they were (a save
    as one types sends only what is on the page). Two saves of one response at once each add to the other's: the
    answers are read again, locked, inside the save."""
    errors = {}
    with transaction.atomic():
        stored = m.Response.objects.select_for_update().values_list("answers", flat=True).get(pk=response.pk)
        answers = dict(stored)
        for item in items:
            for key in item.keys():
                field = FIELD + key
                if only_sent and field not in data:
                    continue
                try:
                    value = read(item, data.getlist(field) if hasattr(data, "getlist") else [data.get(field, "")])
                except ValueError as exc:
                    errors[field] = str(exc)
                    continue
                if value is None:
                    answers.pop(key, None)
                else:
                    answers[key] = value
        if answers != stored:
            m.Response.objects.filter(pk=response.pk).update(answers=answers)
    response.answers = answers
    return errors


def missing(response: m.Response, items: list[m.Item]) -> dict[str, str]:
    """The required questions not answered, by field."""
    return {FIELD + key: "Please answer this question." for item in items if item.required
            for key in item.keys() if key not in response.answers}


@transaction.atomic
def submit(response: m.Response, invitation: m.Invitation) -> None:
    """Mark the response submitted and its invitation answered; an anonymous response loses its draft key, and
    keeps only the day it was submitted."""
    m.Response.objects.filter(pk=response.pk).update(submitted_on=timezone.localdate(), draft_key=None)
    m.Invitation.objects.filter(pk=invitation.pk).update(answered=True)


def questions(sections, answers: dict, errors: dict) -> list[dict]:
    """The answering page's sections, each question with its fields as they stand (chosen options ticked, typed
    text kept) and any message, for ``answer.html``."""
    out = []
    for section in sections:
        asked = []
        for item in section.items.all():
            parts = item.statement_list if item.kind == m.Item.Kind.MATRIX else [""]
            fields = []
            for key, statement in zip(item.keys(), parts):
                value = answers.get(key)
                chosen = set(value) if isinstance(value, list) else {value}
                fields.append({"name": FIELD + key, "statement": statement, "value": "" if value is None else value,
                               "options": [(i, label, i in chosen) for i, label in enumerate(item.option_list, 1)],
                               "error": errors.get(FIELD + key, "")})
            asked.append({"item": item, "fields": fields})
        out.append({"section": section, "questions": asked})
    return out
