"""Navigation that follows the person's role (DESIGN.md, "Pages people will use")."""
import functools

from django.urls import get_script_prefix, reverse

from . import roles as R
from .changes import searches_history
from .permissions import actor_for

# every link the navigation may show, in its order: (label, URL name, who sees it)
NAV = [
    ("Home", "home", lambda actor, central: True),
    ("District", "org:district-list", lambda actor, central: central),
    ("My networks' cycles", "inquiry:facilitator", lambda actor, central: bool(actor.facilitated_network_ids)),
    ("Cycles progress", "inquiry:progress", lambda actor, central: actor.follows_program),
    ("Visits", "visits:meeting-list", lambda actor, central: True),
    # the compliance page's own rule: central office, facilitators, researchers
    ("Compliance", "visits:compliance", lambda actor, central: actor.follows_program),
    ("Practices", "practices:practice-list", lambda actor, central: True),
    ("Surveys", "evaluation:survey-list", lambda actor, central: actor.follows_program),  # invitees: a home card
    ("Outcomes", "evaluation:outcome-list", lambda actor, central: actor.follows_program),
    ("Reports", "evaluation:reports", lambda actor, central: True),
    # calls for applications: central office and facilitators review them, principals/APs apply (issue 14)
    ("Applications", "matching:call-list", lambda actor, central: central or bool(
        actor.all_roles() & {R.FACILITATOR, R.PRINCIPAL})),
    ("Schools", "org:school-list", lambda actor, central: True),
    ("Networks", "org:network-list", lambda actor, central: True),
    ("Teams", "org:team-list", lambda actor, central: True),
    ("People", "org:person-list", lambda actor, central: True),
    ("Notes", "org:note-list", lambda actor, central: True),
    ("Data notes", "org:datanote-list", lambda actor, central: True),
    ("From the research", "org:research", lambda actor, central: True),
    ("Import & export", "org:transfer", lambda actor, central: central),
    ("History", "core:history", lambda actor, central: searches_history(actor)),
    ("API", "api-docs", lambda actor, central: True),
]


@functools.cache
def _addresses(script_prefix: str) -> tuple[str, ...]:
    """The navigation's addresses, reversed once for where the site is served rather than on every page."""
    return tuple(reverse(name) for _, name, _ in NAV)


def navigation(request):
    actor = actor_for(getattr(request, "user", None))
    if not actor.authenticated:
        return {"actor": actor, "nav": []}
    role = actor.primary_role
    central = role in (R.ADMIN, R.CENTRAL) or actor.superuser
    nav = [(label, address) for (label, _, shown), address in zip(NAV, _addresses(get_script_prefix()))
           if shown(actor, central)]
    return {
        "actor": actor,
        "nav": nav,
        "role_label": R.ROLE_LABELS.get(role, "Administrator" if actor.superuser else ""),
    }
