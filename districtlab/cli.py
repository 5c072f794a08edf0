"""The ``districtlab`` command: Django's management commands, with DistrictLab's own verbs.

``districtlab import schools FILE`` and ``districtlab export networks ...`` read as a school
administrator would say them; every other word is passed to Django (``migrate``, ``createsuperuser``...).
"""
import os
import sys
from importlib import import_module

ALIASES = {"import": "import_data", "export": "export_data"}
# Commands that read a file and need neither the database nor the apps: run without setting up the project
# (the apps' start-up imports the charting, scheduling and data libraries: a second or two and ~100 MB).
STANDALONE = {name: f"districtlab.inquiry.management.commands.{name}" for name in ("runchart", "spc")} | {
    "match": "districtlab.matching.management.commands.match",
    "reliability": "districtlab.evaluation.management.commands.reliability",
    "agreement": "districtlab.research.management.commands.agreement"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "districtlab.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "districtlab"
    if len(args) > 1:
        args[1] = ALIASES.get(args[1], args[1])
        if args[1] in STANDALONE:
            return import_module(STANDALONE[args[1]]).Command().run_from_argv(args)
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
