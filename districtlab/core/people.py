"""How a person appears to a viewer: the one place that decides a person's name, email and order.

Researchers see pseudonymised data only (DESIGN.md, "Visibility"): every page, API response, export and
summary names a person through ``name_for`` and lists people in the order ``ordered_for`` gives, so a
pseudonym never sits in its real name's alphabetical place. Emails go through ``email_for``: only staff who
may see contact details (and the person themself) see them.
"""
from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Prefetch, QuerySet

PRIVATE_PERSON_FIELDS = ("name", "email")  # a person's fields some viewers must not sort by


def name_for(actor, person) -> str:
    """A person's name, or their research pseudonym for viewers who see pseudonymised data only."""
    if person is None:
        return ""
    return person.research_id if actor.pseudonymous else person.name


def names_for(actor, people) -> list[str]:
    """The names ``actor`` sees for ``people``, in alphabetical order of what is shown."""
    return sorted(name_for(actor, p) for p in people)


def shows_email(actor, person) -> bool:
    """Staff who may see contact details see a person's email, and so does the person themself."""
    return actor.sees_contact_details(person.district_id) or bool(actor.person_id and person.pk == actor.person_id)


def private_fields(actor, person) -> set[str]:
    """A person's fields ``actor`` may not see: their name and account for researchers (who see a pseudonym), their
    email unless ``shows_email``."""
    hidden = {"name", "user"} if actor.pseudonymous else set()
    return hidden if shows_email(actor, person) else hidden | {"email"}


def email_for(actor, person) -> str:
    """A person's email where ``shows_email`` allows it; otherwise ""."""
    return person.email if person is not None and shows_email(actor, person) else ""


def sees_every_email(actor) -> bool:
    """Does ``actor`` see the email of everyone they can see (so sorting people by email reveals nothing)?"""
    return actor.superuser or bool(actor.district_ids) and all(
        actor.sees_contact_details(d) for d in actor.district_ids)


def _person_model():
    from districtlab.org.models import Person

    return Person


def _neutral_term(model, term: str, person_model) -> str:
    """``term`` unchanged, or, where it sorts by a person (a link to them, their name or email), by their id."""
    sign, path = ("-", term[1:]) if term.startswith("-") else ("", term)
    parts = path.split("__")
    current = model
    for i, part in enumerate(parts):
        if current is person_model and part in PRIVATE_PERSON_FIELDS:
            return sign + "__".join([*parts[:i], "pk"])
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            return term  # "pk", an annotation or a lookup we do not follow
        if not field.is_relation:
            return term
        current = field.related_model
        if current is person_model and i == len(parts) - 1:  # sorting by the link sorts by the person's name
            return sign + "__".join([*parts, "pk"])
    return term


def ordered_for(actor, qs: QuerySet) -> QuerySet:
    """``qs`` in an order that tells ``actor`` nothing they cannot see.

    For viewers who see people by pseudonym, any ordering by a person's name or email, or by a link to a
    person (which Django sorts by the person's name), becomes an ordering by that person's id: the id is in
    every link and API record they see, so the order reveals nothing more. Other viewers' order is unchanged.
    """
    if not actor.pseudonymous or not isinstance(qs, QuerySet):
        return qs
    terms = list(qs.query.order_by) if qs.query.order_by else (
        list(qs.model._meta.ordering) if qs.query.default_ordering else [])
    person_model = _person_model()
    neutral = [_neutral_term(qs.model, t, person_model) if isinstance(t, str) else t for t in terms]
    return qs.order_by(*neutral) if neutral != terms else qs


def prefetch_people(actor, lookup: str) -> Prefetch:
    """Prefetch the people behind ``lookup`` (a network's facilitators, a practice's origin people) in the
    order ``ordered_for`` gives ``actor``."""
    return Prefetch(lookup, queryset=ordered_for(actor, _person_model().objects.all()))
