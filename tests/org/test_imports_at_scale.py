"""Imports read, check and write in batches (issue 13): still all or nothing with each problem named by row and column,
a number of queries that grows only with the batches, every change in the history with its revision, and whole-
district exports that read in chunks."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from districtlab.core.permissions import Actor
from districtlab.org import importers
from districtlab.org import models as m
from districtlab.org.exporters import EXPORTERS
from districtlab.org.spreadsheets import read_table, stream_table

HEADER = "district,name,email,position,school,title,start\n"


def people_rows(count: int, first: int = 0) -> str:
    return "".join(f"RUSD,Person {i},person.{i}@example.org,Teacher,P.S. {7 + i % 2},Grade {i % 12 + 1},2016-09-01\n"
                   for i in range(first, first + count))


def run(tmp_path, text, kind="people"):
    path = tmp_path / f"{kind}.csv"
    path.write_text(text)
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_data", kind, str(path), stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, err.getvalue() + str(exc)
    return 0, out.getvalue()


def imported(prefix="Person "):
    return m.Person.objects.filter(name__startswith=prefix).count(), m.Position.objects.filter(
        person__name__startswith=prefix).count()


def test_a_bad_row_at_the_end_of_a_large_file_writes_nothing_and_is_named(world, tmp_path):
    rows = importers.BATCH * 10  # ten batches written, then rolled back
    code, err = run(tmp_path, HEADER + people_rows(rows) + "RUSD,Late Comer,late@example.org,Teacher,P.S. 99,,2016-09-01\n")
    assert code == 2, err
    assert f'Row {rows + 2}, column "school": There is no school "P.S. 99" in Riverside Unified' in err
    assert "1 problem(s) to fix" in err
    assert imported() == (0, 0) and not m.Person.history.filter(name__startswith="Person ").exists()


def test_a_malformed_line_after_some_batches_writes_nothing(world, tmp_path):
    text = HEADER + people_rows(importers.BATCH + 5) + 'RUSD,"Unclosed,x@example.org,Teacher,,,\n' + people_rows(3, 9000)
    code, err = run(tmp_path, text)
    assert code == 2 and f"Line {importers.BATCH + 7}: a value starts with a quote" in err, err
    assert imported() == (0, 0)


def test_problems_in_many_batches_are_all_counted(world, tmp_path):
    bad = "".join(f"RUSD,Bad {i},bad.{i}@example.org,Janitor,,,\n" for i in range(3))
    text = HEADER + bad + people_rows(importers.BATCH * 2) + bad.replace("Bad", "Worse").replace("bad.", "worse.")
    code, err = run(tmp_path, text)
    assert code == 2 and "6 problem(s) to fix" in err and 'Row 2, column "position": "Janitor"' in err
    assert f'Row {importers.BATCH * 2 + 7}, column "position"' in err and imported() == (0, 0)


def test_rows_of_one_person_in_different_batches_must_agree(world, tmp_path):
    text = (HEADER + "RUSD,Maria Lopez,maria@example.org,Teacher,P.S. 8,,2016-09-01\n" + people_rows(importers.BATCH)
            + "RUSD,Maria Lopes,maria@example.org,Coach,P.S. 7,,2014-09-01\n"
            + "RUSD,Maria Lopez,maria@example.org,Teacher,P.S. 8,,2016-09-01\n")
    code, err = run(tmp_path, text)
    last = importers.BATCH + 4
    assert code == 2, err
    assert f'Row {last - 1}, column "name": Row 2 gives this person "Maria Lopez" here, not "Maria Lopes".' in err
    assert f'Row {last}, column "position": Duplicate: row 2 already gives this position.' in err


def test_one_person_over_several_batches_gets_every_position(world, tmp_path):
    text = (HEADER + "RUSD,Maria Lopez,maria@example.org,Teacher,P.S. 8,,2016-09-01\n" + people_rows(importers.BATCH)
            + "RUSD,Maria Lopez,maria@example.org,Coach,P.S. 7,,2014-09-01\n")
    code, out = run(tmp_path, text)
    assert code == 0 and f"{importers.BATCH + 2} row(s) of people: {importers.BATCH + 2} added, 0 updated" in out, out
    maria = m.Person.objects.get(email="maria@example.org")
    assert sorted(maria.positions.values_list("kind", flat=True)) == ["coach", "teacher"]


def queries_to_import(tmp_path, rows: int, first: int) -> int:
    with CaptureQueriesContext(connection) as ctx:
        code, out = run(tmp_path, HEADER + people_rows(rows, first))
    assert code == 0 and f"{rows} added" in out, out
    return len(ctx.captured_queries)


def test_queries_do_not_grow_with_the_rows_of_a_batch(world, tmp_path):
    assert queries_to_import(tmp_path, 100, 0) == queries_to_import(tmp_path, 1_000, 100)
    assert importers.BATCH >= 1_000


def test_queries_grow_only_with_the_batches(world, tmp_path, monkeypatch):
    monkeypatch.setattr(importers, "BATCH", 100)
    one, three = queries_to_import(tmp_path, 100, 0), queries_to_import(tmp_path, 300, 100)
    per_batch = (three - one) // 2
    assert three == one + 2 * per_batch and per_batch <= 12


def test_every_change_is_in_the_history_as_the_importers_with_its_revision(world, tmp_path):
    c = world.client("central")
    text = HEADER + people_rows(importers.BATCH + 10)
    r = c.post("/transfer/", {"kind": "people", "file": SimpleUploadedFile("people.csv", text.encode())})
    assert r.status_code == 200 and f"Import {importers.BATCH + 10} rows" in r.content.decode()
    assert imported() == (0, 0)  # the preview is written and rolled back
    r = c.post("/transfer/", {"token": r.context["token"], "kind": "people", "suffix": ".csv"}, follow=True)
    assert f"Imported {importers.BATCH + 10} row(s) of people: {importers.BATCH + 10} added, 0 updated" in (
        r.content.decode())
    person = m.Person.objects.get(email="person.5@example.org")
    entry = person.history.get()
    assert (entry.history_type, entry.history_user, entry.history_change_reason, entry.revision) == (
        "+", world.users["central"], "import", 1)
    position = person.positions.get()
    assert position.history.get().history_type == "+" and position.revision == 1
    assert m.Person.history.filter(name__startswith="Person ", history_type="+").count() == importers.BATCH + 10

    again = HEADER + people_rows(importers.BATCH + 10).replace("Person 5,", "Person Five,")
    code, out = run(tmp_path, again)
    assert code == 0 and f"0 added, {importers.BATCH + 10} updated" in out
    person.refresh_from_db()
    assert (person.name, person.revision) == ("Person Five", 2)  # only the changed record has a new revision
    assert [(h.history_type, h.name, h.revision, h.history_change_reason) for h in person.history.order_by("history_id")] == [
        ("+", "Person 5", 1, "import"), ("~", "Person Five", 2, "import")]
    assert m.Person.history.filter(history_type="~").count() == 1 and m.Position.history.filter(history_type="~").count() == 0


def test_an_edit_page_after_an_import_sees_the_imported_revision(world, tmp_path):
    run(tmp_path, HEADER + people_rows(3))
    person = m.Person.objects.get(email="person.1@example.org")
    person.name = "Person One"
    person.save()  # a record added in bulk saves like any other
    assert (person.revision, person.history.count()) == (2, 2)


def test_schools_import_in_batches_with_demographics_types_and_history(world, tmp_path, monkeypatch):
    monkeypatch.setattr(importers, "BATCH", 7)
    header = "district,name,grades,types,school_year,demographic: % ELL\n"
    rows = "".join(f"RUSD,School {i},K-5,Renewal; Community,2016-17,{i}%\n" for i in range(20))
    code, out = run(tmp_path, header + rows + "RUSD,P.S. 7,9-12,,2016-17,inf\n", "schools")
    assert code == 2 and 'Row 22, column "demographic: % ELL": "inf" is not a reported value' in out
    assert not m.School.objects.filter(name__startswith="School ").exists() and not m.SchoolType.objects.exists()
    code, out = run(tmp_path, header + rows + "RUSD,P.S. 7,9-12,,2016-17,>80%\n", "schools")
    assert code == 0 and "21 row(s) of schools: 20 added, 1 updated" in out, out
    school = m.School.objects.get(name="School 19")
    assert sorted(t.name for t in school.types.all()) == ["Community", "Renewal"]
    assert m.SchoolType.objects.count() == 2  # made once, in the first batch
    ell = m.Demographic.objects.get(school=school)
    assert (ell.value, ell.number, ell.history.get().history_type) == ("19%", 19, "+")
    assert school.year_facts.get().grades == "K-5" and school.history.first().history_change_reason == "import"
    code, out = run(tmp_path, header + rows, "schools")  # the same again: nothing changes
    assert code == 0 and m.School.history.filter(name="School 19").count() == school.history.count()


def test_formula_like_text_is_imported_as_text_and_exported_harmless(world, tmp_path):
    code, out = run(tmp_path, HEADER + 'RUSD,"=HYPERLINK(""http://x"")",h@example.org,Teacher,,,\n')
    assert code == 0, out
    assert m.Person.objects.filter(name='=HYPERLINK("http://x")').exists()
    columns, rows = EXPORTERS["people"](Actor(superuser=True), world.district)
    exported = [row for row in rows if row[2] == "h@example.org"]
    assert exported[0][1] == '=HYPERLINK("http://x")'  # the writer adds the apostrophe (test_exports_neutralise...)


def test_the_upload_reader_and_the_stream_read_the_same_rows(tmp_path):
    text = "District,Name\n\nRUSD,\"P.S. 1, annex\"\nRUSD,'=1+1\n"
    columns, rows = read_table("s.csv", text.encode(), 10_000)
    with stream_table("s.csv", text.encode(), 10_000) as (streamed_columns, streamed):
        assert (columns, [(n, list(r.values())) for n, r in rows]) == (streamed_columns, list(streamed))
    assert rows == [(3, {"District": "RUSD", "Name": "P.S. 1, annex"}), (4, {"District": "RUSD", "Name": "=1+1"})]


@pytest.mark.parametrize("kind", ["people", "schools", "networks"])
def test_exports_read_a_fixed_number_of_queries_per_chunk(world, kind, monkeypatch):
    def queries(count):
        with CaptureQueriesContext(connection) as ctx:
            columns, rows = EXPORTERS[kind](Actor(superuser=True), world.district)
            written = list(rows)
        assert len(written) >= count
        return len(ctx.captured_queries)

    small = queries(1)
    people = [m.Person(district=world.district, name=f"Extra {i}") for i in range(30)]
    m.Person.objects.bulk_create(people)
    schools = m.School.objects.bulk_create(m.School(district=world.district, name=f"Extra {i}") for i in range(30))
    m.Position.objects.bulk_create(m.Position(person=p, district=world.district, school=s, kind="teacher")
                                   for p, s in zip(m.Person.objects.filter(name__startswith="Extra"), schools))
    m.NetworkMembership.objects.bulk_create(m.NetworkMembership(network=world.network, school=s, role="partner")
                                            for s in schools)
    assert queries(30) == small


def test_a_record_saved_by_someone_else_during_the_import_is_not_overwritten(world, tmp_path, monkeypatch):
    run(tmp_path, HEADER + people_rows(3))
    look_up = importers.PeopleImporter.look_up

    def another_writer_saves_meanwhile(self, batch):  # after the import read the records, before it writes them
        look_up(self, batch)
        m.Person.objects.filter(email="person.1@example.org").update(revision=F("revision") + 1)

    monkeypatch.setattr(importers.PeopleImporter, "look_up", another_writer_saves_meanwhile)
    code, err = run(tmp_path, HEADER + people_rows(3).replace("Person ", "Renamed "))
    assert code == 2 and "Someone changed some of these records while the file was being imported" in err
    assert not m.Person.objects.filter(name__startswith="Renamed").exists()
