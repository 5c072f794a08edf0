"""Passwords: reset by email (through a real SMTP server started here), change when signed in, and Django's full
set of password rules."""
import re
import socket
import time
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from django.test import Client

from tests.conftest import PASSWORD
from tests.core.test_sign_in_lockout import sign_in, signed_in

NEW = "violet-harbour-lantern"


class Inbox:
    """Every message the SMTP server received."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 OK"

    def wait(self, count=1, timeout=60):
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(self.messages) >= count, "no email arrived"
        return self.messages[count - 1]


@pytest.fixture
def inbox(settings):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    yield box
    controller.stop()


def reset_link(message) -> str:
    return re.search(r"http://testserver(/accounts/password/reset/\S+/)", message.get_payload()).group(1)


def test_a_reset_email_arrives_its_link_works_and_the_new_password_signs_in(world, inbox):
    r = Client().post("/accounts/password/reset/", {"email": "Coach@Example.org"})  # the person's email, any case
    assert r.status_code == 302 and "Check your email" in Client().get(r["Location"]).content.decode()
    to, message = inbox.wait()
    assert to == ["coach@example.org"] and message["Subject"] == "Choose a new DistrictLab password"
    assert "Cole Coach" in message.get_payload()
    browser = Client()
    form = browser.get(reset_link(message), follow=True)
    assert "Choose a new password" in form.content.decode()
    done = browser.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302
    assert "Your new password is set" in browser.get(done["Location"]).content.decode()
    assert signed_in(sign_in("coach", NEW)) and not signed_in(sign_in("coach", PASSWORD))
    assert "already been used" in Client().get(reset_link(message), follow=True).content.decode()


def test_an_unknown_email_gets_the_same_answer_and_no_mail(world, inbox):
    r = Client().post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert r.status_code == 302 and r["Location"] == "/accounts/password/reset/sent/"
    time.sleep(1)  # give a wrongly sent message the time to arrive
    assert inbox.messages == []


def test_a_reset_lifts_a_lockout(world, inbox):
    for _ in range(5):
        sign_in("coach", "not-the-password")
    assert sign_in("coach", PASSWORD).status_code == 429
    Client().post("/accounts/password/reset/", {"email": "coach@example.org"})
    browser = Client()
    form = browser.get(reset_link(inbox.wait()[1]), follow=True)
    browser.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert signed_in(sign_in("coach", NEW))


@pytest.mark.parametrize("password, rule", [("short1x", "too short"), ("password123", "too common"),
                                            ("8675309412", "entirely numeric"), ("coach@example.org1", "too similar")])
def test_django_password_rules_apply(world, password, rule):
    world.users["coach"].email = "coach@example.org"
    world.users["coach"].save()
    c = world.client("coach")
    r = c.post("/accounts/password/change/", {"old_password": PASSWORD, "new_password1": password,
                                              "new_password2": password})
    assert r.status_code == 200 and rule in r.content.decode()
    assert signed_in(sign_in("coach", PASSWORD))


def test_a_signed_in_person_changes_their_password(world):
    c = Client()
    c.post("/accounts/login/", {"username": "coach", "password": PASSWORD})
    assert 'href="/accounts/password/change/"' in c.get("/").content.decode()
    r = c.post("/accounts/password/change/", {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    assert r.status_code == 302 and "Password changed" in c.get(r["Location"]).content.decode()
    assert signed_in(sign_in("coach", NEW)) and not signed_in(sign_in("coach", PASSWORD))


def test_the_change_page_needs_a_sign_in(world):
    r = Client().get("/accounts/password/change/")
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")
