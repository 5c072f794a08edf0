"""Single sign-on: a person signs in with their district account through a real OpenID Connect provider
(django-oauth-toolkit, started here in its own process) and lands in DistrictLab as themselves; an email that
names nobody in DistrictLab, or that the provider did not verify, is refused with a clear page and no account."""
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django.test import Client

from districtlab.accounts.oidc_config import oidc_providers
from districtlab.org import models as m

PROVIDER = Path(__file__).with_name("oidc_provider.py")
CALLBACK = "http://testserver/accounts/oidc/district/login/callback/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    """The district's identity provider: its issuer URL; its accounts are the arguments below."""
    port = free_port()
    users = ["tess:provider-pass-1:teacher@example.org", "newbie:provider-pass-1:stranger@example.org",
             "unsure:provider-pass-1:coach@example.org:unverified", "lee:provider-pass-1:LEE@Example.org"]
    process = subprocess.Popen([sys.executable, str(PROVIDER), str(port), str(tmp_path_factory.mktemp("oidc")),
                                "districtlab-client", "districtlab-secret", CALLBACK, *users],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    issuer = f"http://127.0.0.1:{port}/o"
    deadline = time.monotonic() + 120
    while True:
        try:
            if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=5).ok:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the OpenID Connect provider did not start: {process.stderr.read().decode()[-2000:]}")
        time.sleep(0.2)
    yield issuer
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture
def sso(settings, provider):
    """DistrictLab configured, as by its environment variables, to use that provider."""
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": oidc_providers({
        "DISTRICTLAB_OIDC_PROVIDERS": "district", "DISTRICTLAB_OIDC_DISTRICT_ISSUER": provider,
        "DISTRICTLAB_OIDC_DISTRICT_CLIENT_ID": "districtlab-client",
        "DISTRICTLAB_OIDC_DISTRICT_CLIENT_SECRET": "districtlab-secret",
        "DISTRICTLAB_OIDC_DISTRICT_LABEL": "Riverside Google Workspace"})}}


def sign_in_with_provider(username: str):
    """Drive the browser's part of the flow: DistrictLab's button, the provider's sign-in, back to DistrictLab.
    Returns DistrictLab's client and its answer to the callback."""
    client = Client()
    page = client.get("/accounts/login/").content.decode()
    assert "Sign in with Riverside Google Workspace" in page
    to_provider = client.post("/accounts/oidc/district/login/")
    assert to_provider.status_code == 302, to_provider.content.decode()[:500]
    browser = requests.Session()
    r = browser.get(to_provider["Location"], allow_redirects=False, timeout=30)  # not signed in there yet
    login_url = requests.compat.urljoin(to_provider["Location"], r.headers["Location"])
    next_url = dict(p.split("=", 1) for p in urlsplit(login_url).query.split("&"))["next"]
    r = browser.post(login_url, data={"username": username, "password": "provider-pass-1",
                                      "next": requests.utils.unquote(next_url)}, allow_redirects=False, timeout=30)
    r = browser.get(requests.compat.urljoin(login_url, r.headers["Location"]), allow_redirects=False, timeout=30)
    back = r.headers["Location"]
    assert back.startswith(CALLBACK), back
    return client, client.get(back[len("http://testserver"):])


def test_a_district_account_signs_in_as_its_person(world, sso):
    client, r = sign_in_with_provider("tess")
    assert r.status_code == 302 and r["Location"] == "/"
    home = client.get("/").content.decode()
    assert "Tess Teacher" in home and "Sign out" in home
    assert client.get("/api/people/").status_code == 200
    client, r = sign_in_with_provider("tess")  # the second time through the connected account
    assert r.status_code == 302 and "Tess Teacher" in client.get("/").content.decode()


def test_a_person_without_a_sign_in_gets_one_linked_to_them(world, sso):
    lee = m.Person.objects.create(district=world.district, name="Lee Newhire", email="lee@example.org")
    client, r = sign_in_with_provider("lee")  # the provider spells the email LEE@Example.org
    assert r.status_code == 302
    lee.refresh_from_db()
    assert lee.user is not None and not lee.user.has_usable_password()
    assert "Lee Newhire" in client.get("/").content.decode()


def test_an_unknown_email_is_refused_and_no_account_is_made(world, sso):
    users_before = get_user_model().objects.count()
    client, r = sign_in_with_provider("newbie")
    body = r.content.decode()
    assert r.status_code == 403 and "No one in DistrictLab has the email stranger@example.org" in body
    assert get_user_model().objects.count() == users_before
    assert client.get("/").status_code == 302  # still signed out: home sends to the sign-in page


def test_an_unverified_email_is_refused(world, sso):
    client, r = sign_in_with_provider("unsure")
    assert r.status_code == 403 and "did not confirm an email address" in r.content.decode()
    assert client.get("/").status_code == 302


def test_a_switched_off_account_is_refused(world, sso):
    world.users["teacher"].is_active = False
    world.users["teacher"].save()
    client, r = sign_in_with_provider("tess")
    assert r.status_code == 403 and "switched off" in r.content.decode()


def test_providers_come_from_the_environment():
    assert oidc_providers({}) == []
    with pytest.raises(ValueError, match="DISTRICTLAB_OIDC_ENTRA_CLIENT_SECRET"):
        oidc_providers({"DISTRICTLAB_OIDC_PROVIDERS": "entra", "DISTRICTLAB_OIDC_ENTRA_ISSUER": "https://x",
                        "DISTRICTLAB_OIDC_ENTRA_CLIENT_ID": "c"})
