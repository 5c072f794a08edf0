"""Search-as-you-type choosers: a text box that suggests, as one types, the records the viewer may see.

A filter that would list a whole district (thousands of schools or networks) takes a name or an id instead. With
JavaScript the box suggests matching records (htmx asks ``/choose/<kind>/``; ``chooser.js`` makes the suggestions a
keyboard-usable ARIA combobox); without it, the typed text is the search. Suggestions and matches come from the
permission layer's scope only, so a record the viewer may not see is never suggested, and filtering by it answers
exactly as filtering by one that does not exist.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_

import django_filters as df
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse

from .people import name_for
from .permissions import actor_for, scope

SUGGESTIONS = 10  # the most a chooser suggests at once


def record_id(value) -> int | None:
    """The record id ``value`` names (ASCII digits, short enough for a database key), or None."""
    text = str(value if value is not None else "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else None
CHOOSERS: dict[str, Chooser] = {}


@dataclass(frozen=True)
class Chooser:
    """How one model is chosen by typing: the records to search, the fields matched, and an optional ``hint`` shown
    beside a suggestion's name (e.g. a network's school year). With a ``year_field``, suggestions keep to the school
    year chosen in the form around the box (its ``year``, by id or name). A record is named by its ``label`` field
    (a meeting by its title, a problem by its statement)."""

    kind: str
    queryset: QuerySet
    search: tuple[str, ...] = ("name",)
    hint: callable = None
    year_field: str = ""
    select: tuple[str, ...] = ()
    label: str = "name"

    def __post_init__(self):
        CHOOSERS[self.kind] = self

    def matches(self, qs, text: str) -> QuerySet:
        """Records of ``qs`` the typed ``text`` names: its id, else an exact name, else names containing it."""
        text = text.strip()
        if "\x00" in text or not text:
            return qs.none()
        if text.isascii() and text.isdigit():
            return qs.filter(pk=int(text)) if len(text) < 19 else qs.none()
        exact = qs.filter(**{f"{self.label}__iexact": text})
        if exact.exists():
            return exact
        return qs.filter(reduce(or_, (Q(**{f"{f}__icontains": text}) for f in self.search)))

    def in_year(self, qs, year: str) -> QuerySet:
        year = year.strip()
        if not self.year_field or not year or "\x00" in year or len(year) > 18:
            return qs
        key = "id" if year.isascii() and year.isdigit() else "name"
        return qs.filter(**{f"{self.year_field}__{key}": year})

    def suggest(self, actor, text: str, year: str = "") -> list:
        qs = self.in_year(scope(actor, self.queryset), year)
        qs = qs.select_related(*self.select) if self.select else qs  # (no names would follow every relation)
        return list(self.matches(qs, text)[:SUGGESTIONS]) if text.strip() else []


class ChooserInput(forms.TextInput):
    """The text box, its suggestions list and a live status, as an ARIA 1.2 combobox (``core/chooser.html``)."""

    template_name = "core/chooser.html"

    class Media:
        js = ["districtlab/chooser.js"]

    def __init__(self, chooser: Chooser, attrs=None):
        super().__init__(attrs)
        self.chooser = chooser
        self.chosen = None  # the record named by id, shown by its name

    def get_context(self, name, value, attrs):
        ctx = super().get_context(name, value, attrs)
        chosen = self.chosen(value) if callable(self.chosen) else None
        url = f"{reverse('choose', args=[self.chooser.kind])}?field={name}"
        ctx["widget"].update(url=url, chosen=chosen)
        if chosen is not None:
            ctx["widget"]["value"] = getattr(chosen, self.chooser.label)
        return ctx


class ChooserField(forms.Field):
    """A record chosen by its name or id, among ``queryset`` (narrowed to the viewer by ``limit_choosers``).

    Cleans to the queryset of records the text names (one for an id; every school called "P.S. 8"; every school whose
    name contains the text when none is called exactly that), or ``None`` when left blank."""

    default_error_messages = {"invalid_choice": "Select a valid choice. That choice is not one of the available "
                                                "choices."}

    def __init__(self, chooser: Chooser, *, queryset=None, **kwargs):
        self.chooser = chooser
        self.queryset = chooser.queryset if queryset is None else queryset
        kwargs.setdefault("required", False)
        super().__init__(widget=ChooserInput(chooser), **kwargs)
        self.widget.chosen = self.chosen

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.widget.chosen = result.chosen
        return result

    def chosen(self, value):
        """The one record an id names, to show by its name; ``None`` for typed text."""
        text = str(value or "").strip()
        return self.chooser.matches(self.queryset, text).first() if text.isascii() and text.isdigit() else None

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        found = self.chooser.matches(self.queryset, text)
        if not found.exists():
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return found


@dataclass(frozen=True)
class Shown:
    """A person as a chooser shows them to its viewer: their name, or their pseudonym for researchers."""

    pk: int
    name: str


class PeopleChooser(Chooser):
    """People, chosen by typing. Researchers see people by pseudonym only: they type a pseudonym (or part of one),
    never a name, and suggestions show each person as the viewer sees them."""

    def named(self, actor, qs, text: str):
        """The people of ``qs`` that ``text`` names for ``actor``: by id, else by name, or by pseudonym for those who
        see pseudonyms only."""
        text = text.strip()
        if not actor.pseudonymous or not text or "\x00" in text:
            return self.matches(qs, text)
        wanted = text.casefold()
        people = list(qs.only("pk"))
        exact = [p.pk for p in people if p.research_id.casefold() == wanted]
        if not exact and (pk := record_id(text)) is not None:  # an id (a link), if it is one
            by_id = [p.pk for p in people if p.pk == pk]
            if by_id:
                return qs.filter(pk__in=by_id)
        # digits are part of a pseudonym too ("Participant 226775")
        return qs.filter(pk__in=exact or [p.pk for p in people if wanted in p.research_id.casefold()])

    def suggest(self, actor, text: str, year: str = "") -> list:
        if not text.strip():
            return []
        found = self.named(actor, self.in_year(scope(actor, self.queryset), year), text)[:SUGGESTIONS]
        return [Shown(p.pk, name_for(actor, p)) for p in found]


class PeopleField(ChooserField):
    """People of a ``PeopleChooser``, by id or typed name (pseudonym for researchers): cleans to the people it
    names. The form sets ``actor``, who is choosing."""

    actor = None

    def chosen(self, value):
        pk = record_id(value)
        person = self.queryset.filter(pk=pk).first() if pk is not None else None
        return Shown(person.pk, name_for(self.actor, person)) if person else None

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        found = self.chooser.named(self.actor, self.queryset, text)
        if not found.exists():
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return found


class ChooserFilter(df.Filter):
    """A django-filter filter on records chosen by name or id: ``field_name`` among the records the text names."""

    field_class = ChooserField

    def filter(self, qs, value):
        if value is None:
            return qs
        qs = self.get_method(qs)(**{f"{self.field_name}__in": value})
        return qs.distinct() if self.distinct else qs


def limit_choosers(fields, actor):
    """Narrow every chooser field to the records ``actor`` may see (as ``limit_choices`` does for dropdowns)."""
    for f in fields:
        if isinstance(f, ChooserField):
            f.queryset = scope(actor, f.queryset)


@login_required
def suggestions(request, kind):
    """Up to ten records of ``kind`` the viewer may see whose id or name matches the box's text, as options."""
    chooser = CHOOSERS.get(kind)
    if chooser is None:
        raise Http404
    name = request.GET.get("field", "")
    text = request.GET.get(name, "") if name else ""
    year = request.GET.get("year", "") if chooser.year_field else ""
    found = chooser.suggest(actor_for(request.user), text[:200], year)
    options = [(r, getattr(r, chooser.label), chooser.hint(r) if chooser.hint else "") for r in found]
    return render(request, "core/chooser_options.html", {"options": options, "text": text, "field": name})


urlpatterns = [path("<slug:kind>/", suggestions, name="choose")]
