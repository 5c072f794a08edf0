"""What other apps add to an organisation page (a team's, a network's), so the org pages need not know every app.

An app registers ``@panel("network", "app/_network_panel.html")`` on a function ``(actor, record) -> dict | None``
(in its ``AppConfig.ready``); the page includes each panel's template with what the function returned as
``panel`` (None: nothing to show). Like the home page's cards (``core/home.py``), a panel offers only what the
permission layer lets the viewer open.
"""
PANELS: dict[str, list] = {}


def panel(page: str, template: str):
    def register(func):
        PANELS.setdefault(page, []).append((template, func))
        return func
    return register


def panels(page: str, actor, record) -> list[tuple[str, dict]]:
    """``[(template, context)]`` for ``page`` ("team", "network") about ``record``, as ``actor`` may see it."""
    out = []
    for template, func in PANELS.get(page, []):
        context = func(actor, record)
        if context is not None:
            out.append((template, context))
    return out
