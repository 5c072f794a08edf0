"""Sign-in lockout: after five wrong passwords an account is locked from that address for 30 minutes, on the
sign-in form and the API's token endpoint alike, with a page that says when to try again; an admin lifts it. Behind
the proxies of ``DISTRICTLAB_PROXY_COUNT`` the address is the client's, which they pass on in X-Forwarded-For."""
import pytest
from django.core.management import call_command
from django.test import Client

from tests.conftest import PASSWORD


def sign_in(username, password, address="127.0.0.1"):
    return Client(REMOTE_ADDR=address).post("/accounts/login/", {"username": username, "password": password})


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/"


def test_thirty_wrong_passwords_then_the_right_one_does_not_sign_in(world):
    for _ in range(30):
        assert not signed_in(sign_in("coach", "not-the-password"))
    r = sign_in("coach", PASSWORD)
    body = r.content.decode()
    assert r.status_code == 429 and not signed_in(r)
    assert "Signing in is locked for now" in body and "Try again then" in body and "coach" in body
    assert "Reset your password by email" in body and "Sign out" not in body


def test_the_lockout_is_for_that_account_from_that_address(world):
    for _ in range(5):
        sign_in("coach", "not-the-password")
    assert sign_in("coach", PASSWORD).status_code == 429
    assert signed_in(sign_in("teacher", PASSWORD))  # another account from the same address
    assert signed_in(sign_in("coach", PASSWORD, address="10.0.0.7"))  # the same account from another address


def test_four_wrong_passwords_leave_the_account_open_and_success_starts_the_count_again(world):
    for _ in range(4):
        sign_in("coach", "not-the-password")
    assert signed_in(sign_in("coach", PASSWORD))
    for _ in range(4):
        sign_in("coach", "not-the-password")
    assert signed_in(sign_in("coach", PASSWORD))


def test_the_token_endpoint_locks_too(world):
    api = Client()
    for _ in range(4):
        assert api.post("/api/token/", {"username": "coach", "password": "nope"}).status_code == 400
    assert api.post("/api/token/", {"username": "coach", "password": "nope"}).status_code == 429  # the fifth
    r = api.post("/api/token/", {"username": "coach", "password": PASSWORD})
    assert r.status_code == 429 and "token" not in r.json()
    assert "Try again then" in r.json()["detail"] and int(r["Retry-After"]) > 25 * 60
    assert sign_in("coach", PASSWORD).status_code == 429  # and the form with it


PROXY, CLIENT_A, CLIENT_B = "10.0.0.2", "198.51.100.7", "203.0.113.20"


def through_proxy(client, forwarded_for=""):
    """A client behind the proxy of README "Deploying", which appends the address it got the request from to any
    X-Forwarded-For the client sent, and passes the request on from its own address."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=", ".join(filter(None, [forwarded_for, client])))


def test_behind_a_proxy_the_lockout_is_for_the_client_not_the_proxy(world, settings):
    settings.DISTRICTLAB_PROXY_COUNT = 1
    a, b = through_proxy(CLIENT_A), through_proxy(CLIENT_B)
    for _ in range(5):
        assert not signed_in(a.post("/accounts/login/", {"username": "coach", "password": "not-the-password"}))
    assert a.post("/accounts/login/", {"username": "coach", "password": PASSWORD}).status_code == 429
    assert signed_in(b.post("/accounts/login/", {"username": "coach", "password": PASSWORD}))  # the real coach
    # what the client writes into X-Forwarded-For itself does not get it out of the lockout
    forged = through_proxy(CLIENT_A, forwarded_for=CLIENT_B)
    assert forged.post("/accounts/login/", {"username": "coach", "password": PASSWORD}).status_code == 429


def test_behind_a_proxy_the_token_endpoint_locks_the_client_too(world, settings):
    settings.DISTRICTLAB_PROXY_COUNT = 1
    a, b = through_proxy(CLIENT_A), through_proxy(CLIENT_B)
    for _ in range(4):
        assert a.post("/api/token/", {"username": "coach", "password": "nope"}).status_code == 400
    assert a.post("/api/token/", {"username": "coach", "password": "nope"}).status_code == 429
    assert a.post("/api/token/", {"username": "coach", "password": PASSWORD}).status_code == 429
    r = b.post("/api/token/", {"username": "coach", "password": PASSWORD})
    assert r.status_code == 200 and r.json()["token"]


def test_with_no_proxy_configured_x_forwarded_for_is_not_believed(world):
    for _ in range(5):
        sign_in("coach", "not-the-password")
    forged = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=CLIENT_B)
    assert forged.post("/accounts/login/", {"username": "coach", "password": PASSWORD}).status_code == 429


@pytest.mark.parametrize("unlock", [lambda: call_command("axes_reset_username", "coach"),
                                    lambda: call_command("axes_reset")])
def test_an_admin_lifts_a_lockout(world, unlock):
    for _ in range(5):
        sign_in("coach", "not-the-password")
    assert sign_in("coach", PASSWORD).status_code == 429
    unlock()
    assert signed_in(sign_in("coach", PASSWORD))


def test_sessions_expire_after_twelve_hours(world, settings):
    r = Client().post("/accounts/login/", {"username": "coach", "password": PASSWORD})
    assert signed_in(r) and r.cookies["sessionid"]["max-age"] == 12 * 3600
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    r = Client().post("/accounts/login/", {"username": "coach", "password": PASSWORD})
    assert signed_in(r) and r.cookies["sessionid"]["max-age"] == ""
