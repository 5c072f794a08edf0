"""Create/edit forms: errors beside the field, typed text kept, nothing stored lost."""
import re

from districtlab.org import models as m


def field_error(body, field):
    match = re.search(rf'id="id_{field}_error"[^>]*>([^<]+)<', body)
    return match.group(1) if match else None


def test_school_year_that_ends_before_it_starts_is_refused_beside_the_field(world):
    r = world.client("central").post("/years/new/", {
        "district": world.district.pk, "name": "2017-18", "start": "2018-06-30", "end": "2017-09-01"})
    body = r.content.decode()
    assert r.status_code == 400
    assert field_error(body, "end") == "The year must end after it starts."
    assert 'value="2017-18"' in body  # what was typed is still there
    assert not m.SchoolYear.objects.filter(name="2017-18").exists()


def test_demographic_value_must_be_a_reported_value(world):
    r = world.client("principal").post("/demographics/new/", {
        "school": world.host.pk, "school_year": world.year.pk, "measure": "% ELL", "value": "about half"})
    assert r.status_code == 400
    assert "is not a reported value" in field_error(r.content.decode(), "value")
    r = world.client("principal").post("/demographics/new/", {
        "school": world.host.pk, "school_year": world.year.pk, "measure": "% ELL", "value": "40-60%"})
    assert r.status_code == 302
    d = m.Demographic.objects.get(measure="% ELL")
    assert (d.value, d.number, d.low, d.high) == ("40-60%", None, 40, 60)


def test_designation_must_fit_the_position(world):
    r = world.client("central").post("/positions/new/", {
        "person": world.people["coach"].pk, "district": world.district.pk, "kind": "coach",
        "designation": "master_teacher"})
    assert r.status_code == 400
    assert field_error(r.content.decode(), "designation") == "Model and Master Teacher are designations of teachers."


def test_principal_cannot_place_a_team_in_another_school(world):
    r = world.client("principal").post("/teams/new/", {
        "district": world.district.pk, "school": world.partner.pk, "kind": "plc", "name": "Not mine"})
    assert r.status_code == 400
    assert "within your own school" in r.content.decode()
    assert not m.Team.objects.filter(name="Not mine").exists()


def test_school_team_needs_a_school(world):
    r = world.client("central").post("/teams/new/", {"district": world.district.pk, "kind": "school_team",
                                                      "name": "Floating team"})
    assert field_error(r.content.decode(), "school") == "A school team belongs to a school: choose one."


def test_duplicate_school_name_is_explained(world):
    r = world.client("central").post("/schools/new/", {"district": world.district.pk, "name": "P.S. 7"})
    assert r.status_code == 400
    assert "already exists" in r.content.decode()
    assert m.School.objects.filter(name="P.S. 7").count() == 1


def test_create_form_prefills_from_the_page_it_came_from(world):
    body = world.client("principal").get(f"/teams/new/?school={world.host.pk}&kind=school_team").content.decode()
    assert f'value="{world.host.name}"' in body  # the school chooser shows the school named by the link


def test_deleting_a_year_in_use_is_refused_and_keeps_everything(world):
    r = world.client("admin").post(f"/years/{world.year.pk}/delete/", follow=True)
    assert "Cannot delete" in r.content.decode() and "Growth triad" in r.content.decode()
    assert m.SchoolYear.objects.filter(pk=world.year.pk).exists()


def test_delete_asks_first(world):
    r = world.client("admin").get(f"/schools/{world.partner.pk}/delete/")
    assert r.status_code == 200 and "cannot be undone" in r.content.decode()
    assert m.School.objects.filter(pk=world.partner.pk).exists()
