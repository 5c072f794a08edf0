"""``bulk.new`` makes the records of a large import as ``Model(**values)`` would, and ``bulk.insert`` writes them with
their links to records added just before."""
import datetime as dt

import pytest

from districtlab.core import bulk
from districtlab.org import models as m


def fields(record) -> dict:
    return {f.attname: getattr(record, f.attname) for f in record._meta.concrete_fields}


def test_a_new_record_is_what_the_model_makes_from_the_same_values(world):
    values = {"district": world.district, "name": "Ana Ruiz", "email": "ana@example.org"}
    made, expected = bulk.new(m.Person, values), m.Person(**values)
    assert fields(made) == fields(expected) and made._state.adding and made.pk is None
    assert made.district is world.district  # the link is cached: reading it asks nothing of the database
    position = bulk.new(m.Position, {"person": made, "district": world.district, "school_id": world.host.pk,
                                     "kind": "teacher", "start": dt.date(2016, 9, 1)})
    assert fields(position) == fields(m.Position(person=made, district=world.district, school_id=world.host.pk,
                                                 kind="teacher", start=dt.date(2016, 9, 1)))


def test_an_unknown_field_is_refused(world):
    with pytest.raises(TypeError, match="has no field nmae"):
        bulk.new(m.Person, {"district": world.district, "nmae": "Ana Ruiz"})


def test_records_linked_to_records_added_just_before_are_written_with_their_links(world):
    person = bulk.new(m.Person, {"district": world.district, "name": "Ana Ruiz", "email": "ana@example.org"})
    position = bulk.new(m.Position, {"person": person, "district": world.district, "school": world.host,
                                     "kind": "teacher", "title": "Grade 3 teacher"})
    bulk.insert(m.Person, [person])
    bulk.insert(m.Position, [position])
    stored = m.Position.objects.get(pk=position.pk)
    assert (stored.person_id, stored.school_id, stored.title, stored.revision) == (
        person.pk, world.host.pk, "Grade 3 teacher", position.revision)
    assert position.person is person and position.unchanged()
    assert person.history.count() == 1 and position.history.get().person_id == person.pk
