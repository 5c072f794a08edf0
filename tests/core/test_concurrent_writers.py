"""Twenty people saving at once while a spreadsheet import runs: every write lands, none fails with "database is
locked", on the embedded SQLite database and on PostgreSQL alike (whichever this suite runs on), through a real
``districtlab serve``."""
import json
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import PASSWORD
from tests.core.serving import ROOT, data_env, districtlab, serve

WRITERS, WRITES_EACH, IMPORTED = 20, 50, 600  # 1,000 writes or more by the API, 600 schools imported at once

SETUP = f"""
import datetime as dt
from django.contrib.auth import get_user_model
from districtlab.core.roles import PositionKind
from districtlab.org import models as m
d = m.District.objects.create(name="Riverside Unified", short_name="RUSD")
d.current_school_year = m.SchoolYear.objects.create(
    district=d, name="2016-17", start=dt.date(2016, 9, 1), end=dt.date(2017, 6, 30))
d.save()
user = get_user_model().objects.create_user(username="admin", password={PASSWORD!r})
person = m.Person.objects.create(district=d, user=user, name="Ada Admin")
m.Position.objects.create(person=person, district=d, kind=PositionKind.DISTRICT_ADMIN, start=dt.date(2015, 9, 1))
print(d.pk)
"""


@pytest.fixture(scope="module")
def district_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("writers")
    with data_env(tmp) as env:
        done = districtlab(["shell", "-c", SETUP], env)
        assert done.returncode == 0, done.stderr
        with serve(env, tmp, "--workers", "2", "--threads", str(WRITERS // 2)) as server:
            yield server, env, int(done.stdout.split()[-1]), tmp


def test_twenty_writers_during_an_import_lose_nothing(district_server):
    server, env, district, tmp = district_server
    spreadsheet = tmp / "schools.csv"
    spreadsheet.write_text("district,name,grades,grade_band,region,types,school_year\n" + "".join(
        f"RUSD,Imported School {i},K-5,Elementary,Queens,,2016-17\n" for i in range(IMPORTED)))
    headers = server.sign_in("admin", PASSWORD) | {"Content-Type": "application/json"}
    go, import_finished = threading.Barrier(WRITERS + 1), threading.Event()

    def writer(n):
        """At least WRITES_EACH writes, and on until the import has finished: the import runs among the writes."""
        go.wait()
        answers = []
        while len(answers) < WRITES_EACH or not import_finished.is_set():
            status, _, body = server.request("POST", "/api/schools/", json.dumps(
                {"district": district, "name": f"Written School {n}-{len(answers)}"}).encode(), headers)
            answers.append((status, body[:300]))
        return answers

    with ThreadPoolExecutor(WRITERS) as pool:
        futures = [pool.submit(writer, n) for n in range(WRITERS)]
        importing = subprocess.Popen([sys.executable, "-m", "districtlab.cli", "import", "schools", str(spreadsheet)],
                                     cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        go.wait()
        imported = importing.communicate(timeout=600)[0]
        import_finished.set()
        answers = [a for f in futures for a in f.result()]

    failed = [a for a in answers if a[0] != 201]
    assert len(answers) >= WRITERS * WRITES_EACH and failed == [], failed[:5]
    assert importing.returncode == 0, imported
    status, _, body = server.request("GET", f"/api/schools/?district={district}", headers=headers)
    assert status == 200 and json.loads(body)["count"] == len(answers) + IMPORTED  # every write is there
    assert "database is locked" not in server.log.read_text() + imported
