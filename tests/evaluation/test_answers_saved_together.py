"""Two saves of one response at once (two tabs, or a slow request overtaken) each keep the other's answers: a save
reads the answers again under a row lock. Shown on PostgreSQL, where another connection holds the lock."""
import threading

import pytest
from django.db import connection, transaction

from districtlab.evaluation import actions, answering
from districtlab.evaluation import models as e

from .conftest import make_survey

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.postgresql_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks: one writer at a time")
def test_a_save_made_while_another_holds_the_response_keeps_both(world):
    made = make_survey(world)
    actions.open_survey(made.survey)
    actions.invite(made.survey)
    invitation = e.Invitation.objects.get(survey=made.survey, person=world.people["teacher"])
    stale = answering.response_for(invitation)  # the page a second save comes from, read before the first
    items = list(made.survey.questions())
    locked, release = threading.Event(), threading.Event()

    def first_save():  # holds the row, writes its answer, and commits once the second save is waiting
        try:
            with transaction.atomic():
                row = e.Response.objects.select_for_update().get(pk=stale.pk)
                locked.set()
                release.wait(timeout=30)
                e.Response.objects.filter(pk=row.pk).update(answers={**row.answers, str(made.visits.pk): 4})
        finally:
            connection.close()

    holder = threading.Thread(target=first_save)
    holder.start()
    assert locked.wait(timeout=30)
    timer = threading.Timer(1.0, release.set)  # the second save below waits on the lock until then
    timer.start()
    errors = answering.save(stale, items, {f"q{made.written.pk}": "More time to debrief"}, only_sent=True)
    holder.join(timeout=30)
    assert errors == {}
    assert e.Response.objects.get(pk=stale.pk).answers == {str(made.visits.pk): 4,
                                                           str(made.written.pk): "More time to debrief"}
