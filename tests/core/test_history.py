"""Every change to a record people edit is recorded (who, when, through what, each field before and after) and
shown on the record's History page to those who may see the record: a private draft's history is its author's
alone, researchers see people by pseudonym."""
import datetime as dt
import io

from django.core.management import call_command
from django.test import Client
from django.utils.html import escape

from districtlab.inquiry import models as inquiry
from districtlab.org import models as m
from districtlab.visits import models as visits

from .test_no_lost_updates import PostForm


def history_of(c, record):
    page = c.get(f"/history/{record._meta.label_lower}/{record.pk}/")
    return page.status_code, page.content.decode()


def edit(c, url, **changes):
    """Open an edit page and save it with ``changes``, as a browser would."""
    page = c.get(url)
    assert page.status_code == 200
    data = {**PostForm(page.content.decode()).data(), **{k: [v] for k, v in changes.items()}}
    response = c.post(url, data)
    if response.status_code == 302:
        c.get(response.url)  # where the browser goes next, showing (and so clearing) the "Saved" message
    return response


def between(text, first, then):
    """Does ``first`` come before ``then`` in ``text``?"""
    return -1 < text.index(first) < text.index(then)


def test_a_page_edit_is_recorded_with_who_how_and_each_field_before_and_after(world):
    admin = world.client("admin")
    url = f"/schools/{world.host.pk}/edit/"
    assert edit(admin, url, name="P.S. 7 Riverside", region="Manhattan").status_code == 302
    code, text = history_of(admin, world.host)
    assert code == 200
    assert "Changed" in text and "Ada Admin" in text and "on its page" in text
    for words in ("P.S. 7", "P.S. 7 Riverside", "Brooklyn", "Manhattan", "Name", "Region"):
        assert escape(words) in text
    assert between(text, "Changed", "Created")  # newest first
    assert "Grade band" not in text.split("Created")[0]  # only what changed is listed for the change


def test_the_detail_page_links_to_its_history(world):
    c = world.client("teacher")
    page = c.get(f"/schools/{world.host.pk}/").content.decode()
    assert f'href="/history/org.school/{world.host.pk}/"' in page
    assert c.get(f"/history/org.school/{world.host.pk}/").status_code == 200


def test_saving_without_a_change_is_no_change(world):
    admin = world.client("admin")
    before = m.School.history.filter(id=world.host.pk).count(), m.School.objects.get(pk=world.host.pk).revision
    assert edit(admin, f"/schools/{world.host.pk}/edit/").status_code == 302
    after = m.School.history.filter(id=world.host.pk).count(), m.School.objects.get(pk=world.host.pk).revision
    assert after == before


def test_an_api_change_is_recorded_as_the_token_holders(world, private_note):
    c = Client()
    token = c.post("/api/token/", {"username": "teacher", "password": "test-pass-123"},
                   content_type="application/json").json()["token"]
    url, auth = f"/api/notes/{private_note.pk}/", {"Authorization": f"Token {token}"}
    r = c.patch(url, {"title": "My second draft"}, content_type="application/json",
                headers={**auth, "If-Match": c.get(url, headers=auth)["ETag"]})
    assert r.status_code == 200 and r.json()["revision"] == 2
    code, text = history_of(world.client("teacher"), private_note)
    assert code == 200
    assert "Tess Teacher" in text and "through the API" in text
    assert "My private draft" in text and "My second draft" in text


def test_a_private_drafts_history_is_its_authors_alone(world, private_note):
    teacher = world.client("teacher")
    private_note.body = "SECOND-DRAFT-TEXT"
    private_note.save()
    assert history_of(world.client("principal"), private_note)[0] == 404  # same team, not shared with it
    assert history_of(world.client("admin"), private_note)[0] == 404
    assert "SECRET-DRAFT-TEXT" in history_of(teacher, private_note)[1]
    r = teacher.post(f"/api/notes/{private_note.pk}/publish/", {"visibility": "team"}, content_type="application/json")
    assert r.status_code == 200
    code, text = history_of(world.client("principal"), private_note)
    assert code == 200 and "SECOND-DRAFT-TEXT" in text  # as it was shared
    assert "SECRET-DRAFT-TEXT" not in text and "Private (only me)" not in text  # nothing of the private drafts
    assert "SECRET-DRAFT-TEXT" in history_of(teacher, private_note)[1]


def test_researchers_see_who_changed_what_by_pseudonym(world):
    admin = world.client("admin")
    teacher = world.people["teacher"]
    assert edit(admin, f"/people/{teacher.pk}/edit/", name="Tessa Teacher-Smith").status_code == 302
    assert edit(admin, f"/schools/{world.host.pk}/edit/", region="Manhattan").status_code == 302
    researcher = world.client("researcher")
    for record in (teacher, world.host):
        code, text = history_of(researcher, record)
        assert code == 200
        assert "Ada Admin" not in text and world.people["admin"].research_id in text
        assert "Tess" not in text and "teacher@example.org" not in text
    assert "Manhattan" in history_of(researcher, world.host)[1]
    assert "Tessa Teacher-Smith" in history_of(admin, teacher)[1]


def test_an_import_records_who_ran_it(world, tmp_path):
    path = tmp_path / "schools.csv"
    path.write_text("district,name,grades,grade_band,region,types,school_year\n"
                    "RUSD,P.S. 7,9-12,High,Staten Island,,2016-17\n")
    call_command("import_data", "schools", str(path), stdout=io.StringIO())
    code, text = history_of(world.client("central"), world.host)
    assert code == 200 and "An import from the command line" in text and "Staten Island" in text


def test_an_admin_change_is_recorded(world, django_user_model):
    root = Client()
    root.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x"))
    url = f"/admin/org/school/{world.host.pk}/change/"
    assert edit(root, url, region="The Bronx").status_code == 302
    code, text = history_of(world.client("central"), world.host)
    assert code == 200 and "in the admin" in text and "The Bronx" in text and "root" in text


def test_taking_attendance_and_pasting_data_are_recorded(world, teachers_inquiry):
    meeting = visits.Meeting.objects.create(district=world.district, school_year=world.year, kind="site_visit",
                                            title="Visit", date=dt.date(2016, 10, 4), host=world.host,
                                            network=world.network)
    came = visits.Attendance.objects.create(meeting=meeting, person=world.people["coach"], school=world.partner)
    facilitator = world.client("facilitator")
    assert facilitator.post(f"/visits/{meeting.pk}/attendance/", {"present": [came.pk]}).status_code == 302
    code, text = history_of(facilitator, came)
    assert code == 200 and "Fay Facilitator" in text and "Attended" in text
    measure = inquiry.Measure.objects.create(cycle=teachers_inquiry["cycle"], name="Talk moves")
    teacher = world.client("teacher")
    r = teacher.post(f"/inquiry/measures/{measure.pk}/data/", {"pasted": "Week 1\t3\nWeek 2\t4", "mode": "replace"})
    assert r.status_code == 302
    point = measure.points.get(position=1)
    code, text = history_of(teacher, point)
    assert code == 200 and "Created" in text and "Tess Teacher" in text and "Week 2" in text


def test_a_deleted_record_keeps_its_history(world):
    admin = world.client("admin")
    fact = m.Demographic.objects.create(school=world.host, school_year=world.year, measure="% ELL", value="40-60%")
    page = admin.get(f"/demographics/{fact.pk}/delete/").content.decode()
    assert 'name="revision"' in page
    assert admin.post(f"/demographics/{fact.pk}/delete/", PostForm(page).data()).status_code == 302
    code, text = history_of(world.client("central"), fact)
    assert code == 200 and "Deleted" in text and "Ada Admin" in text and "40-60%" in text
    assert history_of(world.client("outsider"), fact)[0] == 404
