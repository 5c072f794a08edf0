"""Navigation that follows the person's role (DESIGN.md, "Pages people will use")."""
from django.urls import reverse

from . import roles as R
from .changes import searches_history
from .permissions import actor_for


def navigation(request):
    actor = actor_for(getattr(request, "user", None))
    if not actor.authenticated:
        return {"actor": actor, "nav": []}
    nav = [("Home", reverse("home"))]
    role = actor.primary_role
    if role in (R.ADMIN, R.CENTRAL) or actor.superuser:
        nav.append(("District", reverse("org:district-list")))
    if actor.facilitated_network_ids:
        nav.append(("My networks' cycles", reverse("inquiry:facilitator")))
    if actor.follows_program:
        nav.append(("Cycles progress", reverse("inquiry:progress")))
    nav.append(("Visits", reverse("visits:meeting-list")))
    if actor.follows_program:  # the compliance page's own rule: central office, facilitators, researchers
        nav.append(("Compliance", reverse("visits:compliance")))
    nav.append(("Practices", reverse("practices:practice-list")))
    nav += [
        ("Schools", reverse("org:school-list")),
        ("Networks", reverse("org:network-list")),
        ("Teams", reverse("org:team-list")),
        ("People", reverse("org:person-list")),
        ("Notes", reverse("org:note-list")),
        ("Data notes", reverse("org:datanote-list")),
        ("From the research", reverse("org:research")),
    ]
    if role in (R.ADMIN, R.CENTRAL) or actor.superuser:
        nav.append(("Import & export", reverse("org:transfer")))
    if searches_history(actor):
        nav.append(("History", reverse("core:history")))
    nav.append(("API", reverse("api-docs")))
    return {
        "actor": actor,
        "nav": nav,
        "role_label": R.ROLE_LABELS.get(role, "Administrator" if actor.superuser else ""),
    }
