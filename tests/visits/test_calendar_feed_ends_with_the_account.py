"""A calendar feed dies with its account: once a person's sign-in is deactivated, their private calendar
addresses answer nothing (as if revoked), and the permission layer gives a deactivated account no rights."""
from django.test import Client

from districtlab.core.permissions import actor_for
from districtlab.visits import models as m


def test_a_deactivated_accounts_feeds_answer_nothing(world, visit):
    world.client("teacher").post("/visits/calendar/", {"action": "renew"})
    token = m.CalendarFeed.objects.get(person=world.people["teacher"]).token
    urls = [f"/visits/calendar/{token}.ics", f"/visits/calendar/{token}/networks/{world.network.pk}.ics"]
    anyone = Client()  # calendar apps do not sign in
    assert [anyone.get(url).status_code for url in urls] == [200, 200]
    user = world.users["teacher"]
    user.is_active = False
    user.save()
    for url in urls:
        r = anyone.get(url)
        assert r.status_code == 404 and b"October site visit" not in r.content, url


def test_a_deactivated_account_has_no_rights_in_the_permission_layer(world):
    user = world.users["principal"]
    user.is_active = False
    user.save()
    actor = actor_for(type(user).objects.get(pk=user.pk))
    assert not actor.authenticated and actor.district_ids == frozenset()
