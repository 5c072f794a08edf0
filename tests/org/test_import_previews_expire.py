"""An upload's preview keeps the file until it is confirmed; unconfirmed ones do not pile up.

A new upload replaces the person's earlier unconfirmed one, and anyone's older than a day is removed when a
preview is made (and cannot be confirmed).
"""
import os
import time

from django.core.files.uploadedfile import SimpleUploadedFile

from districtlab.org import models as m

FIRST = "district,name\nRUSD,P.S. 31\n"
SECOND = "district,name\nRUSD,P.S. 32\n"
DAY = 24 * 60 * 60


def preview(client, text, name="s.csv"):
    r = client.post("/transfer/", {"kind": "schools", "file": SimpleUploadedFile(name, text.encode())})
    assert r.status_code == 200, r.content.decode()
    return r.context["token"]


def pending(settings):
    folder = settings.MEDIA_ROOT / "imports"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def confirm(client, token):
    r = client.post("/transfer/", {"token": token, "kind": "schools", "suffix": ".csv"}, follow=True)
    return r.content.decode()


def test_a_new_upload_replaces_the_unconfirmed_one(world, settings):
    c = world.client("central")
    first = preview(c, FIRST)
    second = preview(c, SECOND)
    assert pending(settings) == [f"{world.users['central'].pk}-{second}.csv"]
    assert "expired or was already imported" in confirm(c, first)
    assert not m.School.objects.filter(name="P.S. 31").exists()
    assert "Imported 1 row(s) of schools: 1 added" in confirm(c, second)
    assert pending(settings) == []


def test_an_upload_with_problems_also_drops_the_earlier_preview(world, settings):
    c = world.client("central")
    first = preview(c, FIRST)
    r = c.post("/transfer/", {"kind": "schools", "file": SimpleUploadedFile("s.csv", b"district,name\nNowhere,X\n")})
    assert r.status_code == 400 and pending(settings) == []
    assert "expired or was already imported" in confirm(c, first)


def test_previews_older_than_a_day_are_removed_when_anyone_previews(world, settings):
    admin = world.client("admin")
    fresh = preview(admin, "district,name\nRUSD,P.S. 33\n")
    stale = settings.MEDIA_ROOT / "imports" / f"{world.users['admin'].pk}-{'0' * 32}.csv"
    stale.write_text(FIRST)
    two_days_ago = time.time() - 2 * DAY
    os.utime(stale, (two_days_ago, two_days_ago))
    preview(world.client("central"), SECOND)
    names = pending(settings)
    assert stale.name not in names
    assert f"{world.users['admin'].pk}-{fresh}.csv" in names  # someone else's recent preview is kept
    assert "Imported 1 row(s)" in confirm(admin, fresh)


def test_a_preview_older_than_a_day_cannot_be_confirmed(world, settings):
    c = world.client("central")
    token = preview(c, FIRST)
    path = settings.MEDIA_ROOT / "imports" / f"{world.users['central'].pk}-{token}.csv"
    a_day_and_more = time.time() - DAY - 60
    os.utime(path, (a_day_and_more, a_day_and_more))
    assert "expired or was already imported" in confirm(c, token)
    assert not path.exists() and not m.School.objects.filter(name="P.S. 31").exists()
