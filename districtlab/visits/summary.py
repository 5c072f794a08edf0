"""After a visit: the summary seed 000's central office emailed (what was seen, feedback, next steps)."""
from functools import partial
from operator import attrgetter

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

from districtlab.accounts.mail import deliver
from districtlab.core.people import name_for
from districtlab.core.visibility import Visibility, rung
from districtlab.jobs.tasks import Refused

from . import models as m


def summary_text(meeting, name=attrgetter("name")) -> str:
    """The visit in plain text: lens, what was seen (observations shared with the network or wider), feedback
    by glow and grow, what schools asked for feedback on, and next steps with owners (named by ``name``) and
    dates."""
    lines = [f"{meeting.title}", f"{meeting.date:%A, %B %-d, %Y}" + (f" at {meeting.host}" if meeting.host else "")]
    if meeting.lens:
        lines += ["", f"Lens: {meeting.lens}"]
    seen = [o for o in meeting.observations.all() if rung(o.visibility) >= rung(Visibility.NETWORK)]
    if seen:
        lines += ["", "What we saw"] + [f"- {o.text}" + (f" ({o.where})" if o.where else "") for o in seen]
    for kind, label in m.Feedback.Kind.choices:
        items = [f for f in meeting.feedback.all() if f.kind == kind]
        if items:
            lines += ["", label] + [f"- {f.text}" + (f" [{f.category}]" if f.category else "") for f in items]
    requests = list(meeting.feedback_requests.all())
    if requests:
        lines += ["", "Feedback asked for"] + [f"- {r.school}: {r.question}" for r in requests]
    steps = list(meeting.next_steps.all())
    if steps:
        lines += ["", "Next steps"] + [
            f"- {s.text}" + "".join(f"; {x}" for x in (
                s.owner and f"owner: {name(s.owner)}", s.school and str(s.school),
                s.due and f"due {s.due:%b %-d, %Y}") if x) for s in steps]
    return "\n".join(lines) + "\n"


def summary_for(actor, meeting) -> str:
    """The summary as ``actor`` may read it: the copy that was emailed, or, for viewers who see people by
    pseudonym, the same summary written from the visit's records with everyone named by pseudonym."""
    if not meeting.summary or not actor.pseudonymous:
        return meeting.summary
    return summary_text(meeting, name=partial(name_for, actor))


def sent_to_for(actor, meeting) -> str:
    """Whom the summary was emailed to: their addresses for staff who see contact details, else how many."""
    to = [address for address in meeting.summary_sent_to.split(", ") if address]
    if actor.sees_contact_details(meeting.district_id):
        return ", ".join(to)
    return f"{len(to)} {'person' if len(to) == 1 else 'people'}"


def recipients(meeting) -> list[str]:
    """Who attended (or, before attendance is taken, who was invited), by email."""
    people = [a for a in meeting.attendance.all() if a.attended or (a.attended is None and a.invited)]
    return sorted({a.person.email for a in people if a.person.email})


def send_summary(meeting) -> list[str]:
    """Write the summary, email it to the attendees and keep it on the visit; returns the addresses."""
    meeting.summary = summary_text(meeting)
    to = recipients(meeting)
    if to:
        deliver(EmailMessage(f"Summary: {meeting.title}", meeting.summary, settings.DEFAULT_FROM_EMAIL, to))
    meeting.summary_sent_at = timezone.now() if to else None
    meeting.summary_sent_to = ", ".join(to)
    meeting.save(update_fields=["summary", "summary_sent_at", "summary_sent_to"])
    return to


def summary_job(job) -> str:
    """Write and email the summary of the visit ``job`` is about (a background job started from its page)."""
    meeting = (m.Meeting.objects.prefetch_related(
        "observations", "feedback__category", "feedback_requests__school", "next_steps__owner",
        "next_steps__school", "attendance__person").select_related("host").filter(pk=job.target_id).first())
    if meeting is None:
        raise Refused("the visit was removed")
    to = send_summary(meeting)
    if not to:
        return "The summary is written below; nobody was emailed (no attendance with email addresses yet)."
    return f"Summary sent to {len(to)} {'person' if len(to) == 1 else 'people'} and kept on this page."
