"""Template helpers: people named as the viewer may see them, dates as schools say them."""
from django import template
from django.http import QueryDict
from django.utils.html import format_html, format_html_join

from districtlab.core.people import name_for
from districtlab.core.permissions import CHANGE, CREATE, DELETE, VIEW, actor_for, can

register = template.Library()


@register.simple_tag(takes_context=True)
def who(context, person, link=True):
    """``{% who person %}``: the person's name (or pseudonym), linked to their page."""
    actor = context.get("actor") or actor_for(context["request"].user)
    if person is None:
        return ""
    label = name_for(actor, person)
    if not link:
        return label
    return format_html('<a href="{}">{}</a>', person.get_absolute_url(), label)


@register.filter
def schoolday(value):
    """Dates as schools say them: "Oct 14, 2014"."""
    return value.strftime("%b %-d, %Y") if value else ""


@register.simple_tag(takes_context=True)
def page_query(context, page, param="page"):
    """The current filters with another page number (``param`` names it where a page has two paginated lists)."""
    query = QueryDict(context.get("querystring", ""), mutable=True)
    query.pop(param, None)
    qs = query.urlencode()
    return f"?{qs}&{param}={page}" if qs else f"?{param}={page}"


@register.filter
def verbose_name(record):
    """ "a change idea", "a measure", "evidence": what kind of record this is, as people say it."""
    meta = record._meta
    if meta.verbose_name == meta.verbose_name_plural:  # uncountable
        return meta.verbose_name
    return f"{'an' if meta.verbose_name[0] in 'aeiou' else 'a'} {meta.verbose_name}"


@register.simple_tag(takes_context=True)
def sources(context, *citations):
    """``{% sources object.source %}`` (or a list): a collapsed "Sources" block with the citations, for researchers only
    (``Actor.sees_sources``); practitioners' screens carry no seed file names or line numbers."""
    actor = context.get("actor") or actor_for(context["request"].user)
    flat = []
    for c in citations:  # a citation, or a list of them, or records (prompts, rules) that carry a ``source``
        flat += [c] if isinstance(c, str) or not hasattr(c, "__iter__") else list(c)
    shown = list(dict.fromkeys(s for s in (getattr(c, "source", c) for c in flat) if s))
    if not shown or not actor.sees_sources:
        return ""
    items = format_html_join("", "<li>{}</li>", ((c,) for c in shown))
    return format_html('<details class="sources"><summary>Sources</summary><ul>{}</ul></details>', items)


@register.filter
def kinds_in_words(kinds):
    """``{{ e.kinds|kinds_in_words }}``: kinds of learning link ("site_visit", "share_out") in words, joined."""
    from districtlab.analysis.knowledge_flow import kind_label

    return ", ".join(kind_label(k) for k in kinds)


# Links to actions: ``{% if actor|can_change:record %}<a href="…/edit/">Edit</a>{% endif %}``. A page shows an
# action only where the permission layer allows it (the same ``can`` its view asks), so no link ends in
# "not allowed" (403) or "not found" (404). ``actor`` is in every page's context (core.context_processors).
@register.filter
def can_view(actor, record):
    return record is not None and can(actor, VIEW, record)


@register.filter
def can_change(actor, record):
    return record is not None and can(actor, CHANGE, record)


@register.filter
def can_delete(actor, record):
    return record is not None and can(actor, DELETE, record)


@register.filter
def can_add(actor, where):
    """``actor|can_add:norm.reviews``: may the actor add a record there (a new review of this norm)?
    ``where`` is a related manager (the new record would belong to its owner), or an "app.Model" label (any)."""
    if isinstance(where, str):
        from django.apps import apps

        return can(actor, CREATE, apps.get_model(where))
    field = getattr(where, "field", None)
    if field is None or not hasattr(where, "instance"):
        raise TypeError("can_add takes a related manager (e.g. norm.reviews) or an 'app.Model' label.")
    return can(actor, CREATE, where.model(**{field.name: where.instance}))
