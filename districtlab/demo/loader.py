"""The demo district, built from the seeds. Each app contributes its own part.

An app adds to the demo by having a ``demo`` module with ``load(ctx)``; parts run in the order of
``INSTALLED_APPS`` (so ``org`` comes before anything that refers to its schools and people), inside
one transaction. Every part must be idempotent: loading twice changes nothing.
"""
import importlib
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction

DEMO_PASSWORD = "districtlab-demo"


@dataclass
class DemoContext:
    """What the parts share: the records earlier parts made, by their seed names, and the sign-ins."""

    objects: dict = field(default_factory=dict)
    sign_ins: list = field(default_factory=list)  # (username, role, who)

    def __getitem__(self, key):
        return self.objects[key]

    def __setitem__(self, key, value):
        self.objects[key] = value


def demo_parts():
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        if hasattr(module, "load"):
            yield config.label, module.load


@transaction.atomic
def load_demo() -> DemoContext:
    ctx = DemoContext()
    for _label, load in demo_parts():
        load(ctx)
    return ctx
