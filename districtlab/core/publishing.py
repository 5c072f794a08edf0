"""Publishing: raising a record's visibility is an event, and the ladder is never descended silently."""
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Publication
from .permissions import CHANGE, can, scope, share_levels
from .visibility import Visibility, rung


def publish(record, to_level: str, by, where: str = "") -> Publication:
    """Raise ``record`` to ``to_level`` and record who did it; refuse to lower or to share into nothing."""
    if to_level not in Visibility.values:
        raise ValidationError({"visibility": f'"{to_level}" is not a visibility level.'})
    if rung(to_level) <= rung(record.visibility):
        raise ValidationError(
            {"visibility": f"This is already shared with {record.get_visibility_display().lower()}: "
                           "sharing can only widen. Make a new private copy to start again."}
        )
    if problem := record.audience_missing(to_level):
        raise ValidationError({"visibility": problem})
    with transaction.atomic():
        event = Publication.objects.create(
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            from_level=record.visibility,
            to_level=to_level,
            by=by,
            where=where,
        )
        record.visibility = to_level
        record.save(update_fields=["visibility", "updated"])
    return event


def publish_along(actor, record, to_level: str, where: str = "", along=()):
    """Publish ``record`` as ``actor``, and with it (where lower) the parts named by ``along`` that the actor
    may change: sharing a problem of practice shares its year-long goal. All or nothing."""
    if to_level in Visibility.values and rung(to_level) > rung(record.visibility) and (
            to_level not in share_levels(actor, record)):  # e.g. an external partner and the whole district
        raise ValidationError({"visibility": f"You cannot share this with {Visibility(to_level).label.lower()}: "
                                             "choose a narrower audience."})
    with transaction.atomic():
        event = publish(record, to_level, actor.person, where)
        for name in along:
            for part in scope(actor, getattr(record, name).all()):
                if rung(part.visibility) < rung(to_level) and can(actor, CHANGE, part):
                    publish(part, to_level, actor.person, where)
    return event


def publications_of(record):
    return Publication.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ).select_related("by")
