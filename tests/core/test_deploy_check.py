"""HTTPS for deployment: with ``DISTRICTLAB_HTTPS=1`` Django's deployment checks pass without a warning, and a
server behind a proxy redirects plain HTTP, sends HSTS and marks its cookies secure; without it, the four HTTPS
warnings are expected (a laptop or the demo serves plain HTTP)."""
import re
import secrets
from urllib.parse import urlencode

import pytest

from tests.core.serving import cookies, data_env, districtlab, serve

HOST = "districtlab.example.org"
PASSWORD = "behind-a-proxy-123"
HTTPS_WARNINGS = ["security.W004", "security.W008", "security.W012", "security.W016"]


def deployment(env: dict) -> dict:
    """What a district's deployment sets beside ``DISTRICTLAB_HTTPS=1`` (and not what the browser tests set)."""
    return {k: v for k, v in env.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | {
        "DISTRICTLAB_HTTPS": "1", "DISTRICTLAB_SECRET_KEY": secrets.token_urlsafe(50),
        "DISTRICTLAB_ALLOWED_HOSTS": f"{HOST},127.0.0.1", "DISTRICTLAB_CSRF_TRUSTED_ORIGINS": f"https://{HOST}"}


def check_deploy(env: dict):
    """The check's outcome and the issues it names (``security.W004``...)."""
    done = districtlab(["check", "--deploy", "--fail-level", "WARNING"], env)
    return done, re.findall(r"\((\w+\.[EW]\d+)\)", done.stdout + done.stderr)


def test_with_https_the_deployment_checks_pass_without_a_warning(tmp_path):
    with data_env(tmp_path, migrate=False) as env:
        done, issues = check_deploy(deployment(env))
    assert issues == [] and "WARNINGS" not in done.stderr, done.stderr
    assert done.returncode == 0 and "no issues" in done.stdout


def test_without_https_only_the_https_warnings_remain(tmp_path):
    with data_env(tmp_path, migrate=False) as env:
        done, issues = check_deploy(deployment(env) | {"DISTRICTLAB_HTTPS": ""})
    assert done.returncode == 1
    assert sorted(issues) == HTTPS_WARNINGS, done.stderr


@pytest.fixture(scope="module")
def behind_a_proxy(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("https")
    with data_env(tmp) as env:
        made = districtlab(["shell", "-c", "from django.contrib.auth.models import User\n"
                                           f"User.objects.create_user('pat', password='{PASSWORD}')"], env)
        assert made.returncode == 0, made.stderr
        with serve(deployment(env), tmp, "--workers", "1") as server:
            yield server


def test_plain_http_is_sent_to_https_but_probes_are_not(behind_a_proxy):
    status, headers, _ = behind_a_proxy.request("GET", "/accounts/login/", headers={"Host": HOST})
    assert (status, headers["Location"]) == (301, f"https://{HOST}/accounts/login/")
    assert behind_a_proxy.request("GET", "/healthz", headers={"Host": HOST})[0] == 200
    assert behind_a_proxy.request("GET", "/readyz", headers={"Host": HOST})[0] == 200


def test_through_the_proxy_pages_send_hsts_and_secure_cookies(behind_a_proxy):
    status, headers, _ = behind_a_proxy.request(
        "GET", "/accounts/login/", headers={"Host": HOST, "X-Forwarded-Proto": "https"})
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    [csrf] = [c for c in headers.get_all("Set-Cookie") if c.startswith("csrftoken=")]
    assert "Secure" in csrf


def test_signing_in_through_a_proxy_that_names_the_server_by_its_address(behind_a_proxy):
    """The proxy passes requests on to ``127.0.0.1:PORT`` (their Host); the browser's Origin is the public name, which
    ``DISTRICTLAB_CSRF_TRUSTED_ORIGINS`` vouches for. The session cookie goes over HTTPS only."""
    proxied = {"X-Forwarded-Proto": "https"}
    _, headers, _ = behind_a_proxy.request("GET", "/accounts/login/", headers=proxied)
    token = cookies(headers)["csrftoken"]
    form = urlencode({"username": "pat", "password": PASSWORD, "csrfmiddlewaretoken": token}).encode()
    post = proxied | {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={token}"}
    assert behind_a_proxy.request("POST", "/accounts/login/", form, post | {"Origin": "https://else.example"})[0] == 403
    status, headers, _ = behind_a_proxy.request("POST", "/accounts/login/", form, post | {"Origin": f"https://{HOST}"})
    assert status == 302
    [session] = [c for c in headers.get_all("Set-Cookie") if c.startswith("sessionid=")]
    assert "Secure" in session and "HttpOnly" in session
