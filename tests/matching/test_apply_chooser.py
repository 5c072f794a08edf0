"""The schools an application wants or would rather not work with are chosen by typing (a chooser), not ticked in a
list of the whole district: the form is the same size, and asks the same queries, for a district of any size."""
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from districtlab.matching import models as mm
from districtlab.org import models as m
from tests.matching.test_apply import complete, start


def edit(app):
    return reverse("matching:application-edit", args=[app.pk])


def test_a_school_is_added_by_its_name_or_id_and_removed_by_unticking(cycle):
    app = start(cycle)
    c = cycle.client("principal")
    data = complete(cycle, want=None, avoid=None, want_add="P.S. 9", avoid_add=str(cycle.schools["P.S. 10"].pk))
    assert c.post(edit(app), data).status_code == 302
    assert list(app.want.all()) == [cycle.schools["P.S. 9"]] and list(app.avoid.all()) == [cycle.schools["P.S. 10"]]
    page = c.get(edit(app)).content.decode()
    assert f'name="want" value="{cycle.schools["P.S. 9"].pk}"' in page and "P.S. 11" not in page
    # a second school added; the first kept by its ticked box
    assert c.post(edit(app), complete(cycle, want=[cycle.schools["P.S. 9"].pk], avoid=None,
                                      want_add="P.S. 11")).status_code == 302
    assert set(app.want.all()) == {cycle.schools["P.S. 9"], cycle.schools["P.S. 11"]} and not app.avoid.exists()
    assert c.post(edit(app), complete(cycle, want=[cycle.schools["P.S. 11"].pk], avoid=None)).status_code == 302
    assert list(app.want.all()) == [cycle.schools["P.S. 11"]]


def test_a_name_that_is_not_one_school_of_the_district_is_refused_beside_the_box(cycle):
    app = start(cycle)
    c = cycle.client("principal")
    elsewhere = m.School.objects.create(district=cycle.world.other_district, name="Far away")
    for typed, message in (("P.S. 1", "Several schools are called something like"),  # P.S. 10, P.S. 11
                           ("Far away", "No school of the district is called that."),
                           (str(elsewhere.pk), "No school of the district is called that."),
                           (str(cycle.world.host.pk), "No school of the district is called that.")):  # its own
        r = c.post(edit(app), complete(cycle, want=None, want_add=typed))
        assert r.status_code == 400, typed
        page = r.content.decode()
        assert 'id="id_want_add_error"' in page and message in page, typed
        assert f'value="{typed}"' in page  # what was typed, kept
    assert not app.want.exists()
    r = c.post(edit(app), complete(cycle, want_add="P.S. 10"))  # also in "not wanted"
    assert r.status_code == 400 and "both wanted and not wanted" in r.content.decode()


def test_the_chooser_suggests_the_districts_schools(cycle):
    app = start(cycle)
    c = cycle.client("principal")
    page = c.get(edit(app)).content.decode()
    assert 'data-chooser' in page and "/choose/school/?field=want_add" in page and "chooser.js" in page
    options = c.get("/choose/school/", {"field": "want_add", "want_add": "P.S. 1"}).content.decode()
    assert "P.S. 10" in options and "P.S. 11" in options


def test_the_form_does_not_grow_with_the_district(cycle):
    app = start(cycle)
    app.want.add(cycle.schools["P.S. 9"])
    c = cycle.client("principal")
    c.get(edit(app))  # Django's own caches warm

    def measure():
        with CaptureQueriesContext(connection) as ctx:
            r = c.get(edit(app))
        assert r.status_code == 200
        return len(ctx.captured_queries), len(r.content)

    m.School.objects.bulk_create(m.School(district=cycle.world.district, name=f"School {i:04}") for i in range(50))
    small = measure()
    m.School.objects.bulk_create(m.School(district=cycle.world.district, name=f"School {i:04}")
                                 for i in range(50, 200))
    assert measure() == small
    assert mm.Application.objects.get(pk=app.pk).want.count() == 1
