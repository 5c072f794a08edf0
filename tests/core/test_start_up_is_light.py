"""Starting the project loads none of the heavy libraries (charting, scheduling, spreadsheets, data frames): a
command, a worker or a server pays for one only when it draws a chart, plans visits or reads an Excel file."""
import json
import os
import subprocess
import sys

HEAVY = ["matplotlib", "ortools", "pandas", "numpy", "scipy", "openpyxl", "icalendar", "igraph", "reportlab"]
PROBE = f"""
import json, sys
import django
django.setup()
from django.core.management import load_command_class
for name in ("import_data", "export_data"):
    load_command_class("districtlab.org", name)
print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))
"""


def loaded_on_start_up() -> list[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "districtlab.settings"}
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_the_apps_and_the_import_and_export_commands_start_without_the_heavy_libraries():
    assert loaded_on_start_up() == []

