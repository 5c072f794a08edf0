"""The ``districtlab`` command: Django's management commands, with DistrictLab's own verbs.

``districtlab import schools FILE`` and ``districtlab export networks ...`` read as a school
administrator would say them; every other word is passed to Django (``migrate``, ``createsuperuser``...).
"""
import os
import sys

ALIASES = {"import": "import_data", "export": "export_data"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "districtlab.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "districtlab"
    if len(args) > 1:
        args[1] = ALIASES.get(args[1], args[1])
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
