"""Importing people with their positions; one row per position."""
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from districtlab.org import models as m

GOOD = (
    "district,name,email,position,school,title,designation,organisation,start,end\n"
    "RUSD,Maria Lopez,maria@example.org,Teacher,P.S. 8,Grade 6 math,Model Teacher,,2016-09-01,\n"
    "RUSD,Maria Lopez,maria@example.org,coach,P.S. 7,,,,2014-09-01,2016-06-30\n"
    "RUSD,Tess Teacher,teacher@example.org,Teacher,P.S. 7,Grade 9 English,master_teacher,,2015-09-01,\n"
    "RUSD,Lea Consultant,,External consultant,,,,Center for Educational Leadership,09/01/2005,\n"
)


def run(tmp_path, text):
    path = tmp_path / "people.csv"
    path.write_text(text)
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_data", "people", str(path), stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, err.getvalue() + str(exc)
    return 0, out.getvalue()


def test_people_and_positions_are_added_or_updated(world, tmp_path):
    code, out = run(tmp_path, GOOD)
    assert code == 0, out
    maria = m.Person.objects.get(email="maria@example.org")
    assert [(p.kind, p.school.name, p.designation) for p in maria.positions.order_by("start")] == [
        ("coach", "P.S. 7", ""), ("teacher", "P.S. 8", "model_teacher")]
    tess = world.people["teacher"]
    assert tess.positions.get().designation == "master_teacher"  # the existing position was updated
    assert m.Person.objects.filter(name="Tess Teacher").count() == 1
    lea = m.Person.objects.get(name="Lea Consultant").positions.get()
    assert (lea.organisation, lea.start.isoformat()) == ("Center for Educational Leadership", "2005-09-01")
    code, out = run(tmp_path, GOOD)
    assert "0 added, 4 updated" in out and m.Position.objects.filter(person=maria).count() == 2


@pytest.mark.parametrize("row,expected", [
    ("RUSD,A,a@x.org,Janitor,,,,,,", 'column "position": "Janitor" is not one of'),
    ("RUSD,A,a@x.org,Teacher,P.S. 99,,,,,", 'column "school": There is no school "P.S. 99"'),
    ("RUSD,A,a@x.org,Teacher,,,,,14 Oct 2014,", 'column "start": "14 Oct 2014" is not a date'),
    ("RUSD,A,a@x.org,Coach,,,Model Teacher,,,", 'column "designation": Model and Master Teacher are designations'),
    ("RUSD,A,a@x.org,Teacher,,,,,2016-09-01,2015-01-01", 'column "end": A position cannot end before it starts'),
    ("RUSD,A,not-an-email,Teacher,,,,,,", 'column "email": Enter a valid email address'),
    ("RUSD,A,,,P.S. 7,,,,,", 'column "position": The row gives a school but no position'),
])
def test_bad_rows_name_the_column_and_write_nothing(world, tmp_path, row, expected):
    before = (m.Person.objects.count(), m.Position.objects.count())
    code, err = run(tmp_path, GOOD + row + "\n")
    assert code == 2 and "Row 6" in err and expected in err, err
    assert (m.Person.objects.count(), m.Position.objects.count()) == before


def test_duplicate_position_rows_are_refused(world, tmp_path):
    code, err = run(tmp_path, GOOD + GOOD.splitlines()[1] + "\n")
    assert code == 2 and 'Row 6, column "position": Duplicate: row 2 already gives this position.' in err


def test_same_name_people_need_an_email_to_tell_apart(world, tmp_path):
    m.Person.objects.create(district=world.district, name="Sam Lee")
    m.Person.objects.create(district=world.district, name="Sam Lee")
    code, err = run(tmp_path, "district,name\nRUSD,Sam Lee\n")
    assert code == 2 and "2 people in Riverside Unified are called Sam Lee" in err
