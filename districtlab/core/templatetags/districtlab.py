"""Template helpers: people named as the viewer may see them, dates as schools say them."""
from django import template
from django.utils.html import format_html

from districtlab.core.permissions import actor_for

register = template.Library()


def name_for(actor, person) -> str:
    """A person's name, or their research pseudonym for viewers who see pseudonymised data only."""
    if person is None:
        return ""
    return person.research_id if actor.pseudonymous else person.name


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
def page_query(context, page):
    """The current filters with another page number."""
    qs = context.get("querystring", "")
    return f"?{qs}&page={page}" if qs else f"?page={page}"


@register.filter
def verbose_name(record):
    """ "a change idea", "a measure", "evidence": what kind of record this is, as people say it."""
    meta = record._meta
    if meta.verbose_name == meta.verbose_name_plural:  # uncountable
        return meta.verbose_name
    return f"{'an' if meta.verbose_name[0] in 'aeiou' else 'a'} {meta.verbose_name}"
