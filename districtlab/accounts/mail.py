"""The one way DistrictLab sends an email: ``send`` queues it as a background job (retried when the mail server
does not answer); ``deliver`` is what the job does, for work that is already in the background."""
import base64
import smtplib

from django.core.mail import EmailMessage, EmailMultiAlternatives

from districtlab.jobs.tasks import Failed, start

FIELDS = ("subject", "body", "from_email", "to", "cc", "bcc", "reply_to", "extra_headers")


def send(message: EmailMessage, *, label: str = "Sending an email", owner=None, about=None):
    """Queue ``message`` for delivery and return its job (``about``: the record whose page shows how it went)."""
    return start(deliver_job, label, owner=owner, about=about, params={"message": to_json(message)})


def deliver(message: EmailMessage) -> None:
    """Send ``message`` now through Django's configured email backend (SMTP, or the console without one); a mail
    server that does not answer or refuses it is a ``Failed`` job attempt, tried again."""
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as exc:
        raise Failed(f"the mail server could not be reached or refused the message ({type(exc).__name__}: {exc})"
                      ) from exc


def deliver_job(job) -> str:
    message = from_json(job.params["message"])
    deliver(message)
    job.params = {}  # the message is not kept once delivered
    count = len(message.recipients())
    return f"Sent to {count} {'person' if count == 1 else 'people'}."


def to_json(message: EmailMessage) -> dict:
    """``message`` as JSON: its fields, text alternatives and attachments (``(filename, content, mimetype)``)."""
    def attachment(name, content, mimetype):
        if isinstance(content, bytes):
            return [name, base64.b64encode(content).decode(), mimetype, "base64"]
        return [name, content, mimetype, "text"]

    out = {f: getattr(message, f) for f in FIELDS}
    out["attachments"] = [attachment(*a) for a in message.attachments]
    out["alternatives"] = [list(a) for a in getattr(message, "alternatives", [])]
    return out


def from_json(data: dict) -> EmailMessage:
    message = EmailMultiAlternatives(
        data["subject"], data["body"], data["from_email"], data["to"], data["bcc"], cc=data["cc"],
        reply_to=data["reply_to"], headers=data["extra_headers"])
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for name, content, mimetype, encoding in data["attachments"]:
        message.attach(name, base64.b64decode(content) if encoding == "base64" else content, mimetype)
    return message
