"""A large people import checks and remembers its rows in bulk (issue 13) and still names every problem as before:
a row repeating one far earlier, by that row's number; a bad name or email, by Django's own message."""
import gc
import io

import hypothesis.strategies as st
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import example, given

from districtlab.org import importers
from districtlab.org import models as m

HEADER = "district,name,email,position,school,title,start\n"


def row(i: int, name: str = "") -> str:
    return f"RUSD,{name or f'Person {i}'},person.{i}@example.org,Teacher,P.S. {7 + i % 2},Grade {i % 12 + 1},2016-09-01\n"


def run(tmp_path, text):
    path = tmp_path / "people.csv"
    path.write_text(text)
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_data", "people", str(path), stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, err.getvalue() + str(exc)
    return 0, out.getvalue()


def test_rows_repeating_rows_many_batches_back_are_named_by_that_row(world, tmp_path, monkeypatch):
    monkeypatch.setattr(importers, "BATCH", 50)  # 30 batches; the rows remembered outgrow their first table twice
    rows = [row(i) for i in range(1_500)]  # file rows 2 to 1501
    text = HEADER + "".join(rows) + rows[0] + rows[700] + row(900, name="Someone Else")
    code, err = run(tmp_path, text)
    assert code == 2, err
    assert 'Row 1502, column "position": Duplicate: row 2 already gives this position.' in err
    assert 'Row 1503, column "position": Duplicate: row 702 already gives this position.' in err
    assert 'Row 1504, column "name": Row 902 gives this person "Person 900" here, not "Someone Else".' in err
    assert "3 problem(s) to fix" in err
    assert not m.Person.objects.filter(name__startswith="Person ").exists()


def test_a_file_without_repeats_is_imported_whole(world, tmp_path, monkeypatch):
    monkeypatch.setattr(importers, "BATCH", 50)
    code, out = run(tmp_path, HEADER + "".join(row(i) for i in range(1_500)))
    assert code == 0 and "1500 row(s) of people: 1500 added, 0 updated" in out, out
    assert m.Position.objects.filter(person__name__startswith="Person ").count() == 1_500


@pytest.mark.parametrize("cells,expected", [
    ("A,a@b", 'Row 3, column "email": Enter a valid email address.'),
    ("A,.a@example.org", 'Row 3, column "email": Enter a valid email address.'),
    ("A,a@example..org", 'Row 3, column "email": Enter a valid email address.'),
    ("A," + "a" * 250 + "@example.org", 'Row 3, column "email": Ensure this value has at most 254 characters'),
    ("N" * 201 + ",n@example.org", 'Row 3, column "name": Ensure this value has at most 200 characters (it has 201).'),
])
def test_names_and_emails_checked_in_bulk_keep_djangos_message(world, tmp_path, cells, expected):
    code, err = run(tmp_path, HEADER + row(1) + f"RUSD,{cells},Teacher,P.S. 7,,2016-09-01\n")
    assert code == 2 and expected in err, err


FIELDS = [m.Person._meta.get_field("name"), m.Person._meta.get_field("email"),
          m.Position._meta.get_field("title"), m.Position._meta.get_field("organisation")]


@given(value=st.one_of(st.emails(), st.text(max_size=300), st.from_regex(r"[\w.+\-\"]{0,70}@[\w.\-\[\]:]{0,40}",
                                                                          fullmatch=True)))
@example(value='"quoted"@example.org')
@example(value="a@[127.0.0.1]")
@example(value="a@localhost")
@example(value="a@b")
def test_the_quick_check_passes_only_what_the_field_itself_passes(value):
    for f in FIELDS:
        if importers._passes(f)(value):
            f.clean(value, None)  # raises ValidationError if the quick check was wrong


def test_the_quick_check_does_pass_ordinary_names_and_emails():
    name, email = (importers._passes(m.Person._meta.get_field(n)) for n in ("name", "email"))
    assert name("Maria Lopez") and email("maria.lopez+pd@schools.example.org") and email("")
    assert not name("") and importers._passes(m.Position._meta.get_field("kind")) is None  # choices: the field's own


def test_an_import_leaves_the_garbage_collector_as_it_found_it(world, tmp_path):
    before = gc.get_threshold(), gc.get_freeze_count()
    assert run(tmp_path, HEADER + row(1))[0] == 0
    assert run(tmp_path, HEADER + row(2) + 'RUSD,"Unclosed,x@example.org,Teacher,,,\n')[0] == 2  # stopped mid-file
    assert (gc.get_threshold(), gc.get_freeze_count()) == before
