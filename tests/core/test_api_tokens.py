"""API tokens: made on the "API tokens" page (the key shown once) or by POST /api/token/, they expire, and their
owner (or an admin) revokes them."""
import datetime as dt

from django.test import Client
from django.utils import timezone

from districtlab.accounts.models import ApiToken
from tests.conftest import PASSWORD


def api(key):
    return Client().get("/api/schools/", HTTP_AUTHORIZATION=f"Token {key}")


def make_token(client, name="Nightly import"):
    body = client.post("/accounts/api-tokens/", {"name": name}).content.decode()
    return body, body.split('<code id="new-token">')[1].split("<")[0]


def test_a_token_made_on_the_page_opens_the_api_and_is_shown_once(world):
    c = world.client("coach")
    body, key = make_token(c)
    assert "shown only this once" in body and key.startswith("dl_")
    assert api(key).status_code == 200 and api(key).json()["count"] == 2
    page = c.get("/accounts/api-tokens/").content.decode()
    assert "Nightly import" in page and key[:15] in page and key not in page
    token = ApiToken.objects.get(user=world.users["coach"])
    assert token.digest != key and dt.timedelta(days=89) < token.expiry - timezone.now() <= dt.timedelta(days=90)


def test_the_owner_revokes_a_token(world):
    c = world.client("coach")
    _, key = make_token(c)
    r = c.post(f"/accounts/api-tokens/{key[:15]}/revoke/")
    assert r.status_code == 302 and "revoked" in c.get(r["Location"]).content.decode()
    assert api(key).status_code == 401


def test_nobody_else_sees_or_revokes_it_but_an_admin(world, django_user_model):
    _, key = make_token(world.client("coach"))
    teacher = world.client("teacher")
    assert key[:15] not in teacher.get("/accounts/api-tokens/").content.decode()
    assert teacher.post(f"/accounts/api-tokens/{key[:15]}/revoke/").status_code == 404
    assert api(key).status_code == 200
    root = Client()
    root.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x"))
    assert key[:15] in root.get("/accounts/api-tokens/").content.decode()
    assert root.post(f"/accounts/api-tokens/{key[:15]}/revoke/").status_code == 302
    assert api(key).status_code == 401


def test_an_admin_revokes_in_the_django_admin(world, django_user_model):
    _, key = make_token(world.client("coach"))
    root = Client()
    root.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x"))
    token = ApiToken.objects.get()
    assert "Nightly import" in root.get("/admin/accounts/apitoken/").content.decode()
    r = root.post(f"/admin/accounts/apitoken/{token.pk}/delete/", {"post": "yes"})
    assert r.status_code == 302 and api(key).status_code == 401


def test_an_expired_token_no_longer_opens_the_api(world):
    _, key = make_token(world.client("coach"))
    ApiToken.objects.update(expiry=timezone.now() - dt.timedelta(seconds=1))
    assert api(key).status_code == 401


def test_a_deactivated_account_s_tokens_stop(world):
    _, key = make_token(world.client("coach"))
    world.users["coach"].is_active = False
    world.users["coach"].save()
    assert api(key).status_code == 401


def test_the_token_endpoint_gives_an_expiring_token(world):
    r = Client().post("/api/token/", {"username": "coach", "password": PASSWORD, "name": "Laptop"})
    assert r.status_code == 200 and api(r.json()["token"]).status_code == 200
    assert ApiToken.objects.get().name == "Laptop" and r.json()["expiry"]
