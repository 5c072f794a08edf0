"""The one way DistrictLab sends an email, so delivery can move to a background task in one place."""
from django.core.mail import EmailMessage


def send(message: EmailMessage) -> None:
    """Send ``message`` through Django's configured email backend (SMTP, or the console without one)."""
    message.send()
