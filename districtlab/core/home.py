"""Cards that apps add to the home page, so the organisation's home need not know every app.

An app registers ``@card("app/_card.html")`` on a function ``(actor, years) -> dict | None``; the home
page includes each card's template with what the function returned as ``card`` (None: no card).
"""
CARDS = []


def card(template: str):
    def register(func):
        CARDS.append((template, func))
        return func
    return register


def home_cards(actor, years):
    out = []
    for template, func in CARDS:
        context = func(actor, years)
        if context is not None:
            out.append((template, context))
    return out
