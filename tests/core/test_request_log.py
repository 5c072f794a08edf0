"""Structured logs: one line per request (method, path, status, time taken, user id); a refusal or a page not found
is an ordinary answer, logged at INFO without a traceback."""
import json
import logging
import sys

import pytest

from districtlab.core.requestlog import JsonFormatter


@pytest.fixture
def request_log(caplog):
    caplog.set_level(logging.INFO)
    return caplog


def logged(caplog, path):
    return [r for r in caplog.records if r.name == "districtlab.request" and r.path == path]


@pytest.mark.parametrize("path, status", [
    ("/inquiry/progress/", 403),  # a teacher is refused the progress dashboard (PermissionDenied)
    ("/notes/999999/", 404),  # no such note (Http404)
    ("/no-such-page/", 404),  # no such address
    ("/api/cycles-progress/", 403),  # the API's refusal
])
def test_a_refusal_is_one_info_line_without_a_traceback(world, request_log, path, status):
    teacher = world.users["teacher"]
    assert world.client("teacher").get(path).status_code == status
    [record] = logged(request_log, path)
    assert record.levelno == logging.INFO
    assert (record.method, record.status, record.user_id) == ("GET", status, teacher.pk)
    assert record.duration_ms >= 0
    assert not [r for r in request_log.records if r.exc_info or r.levelno >= logging.WARNING], \
        [r.getMessage() for r in request_log.records]


def test_each_request_names_its_user_or_none(world, request_log, client):
    world.client("principal").get("/")
    client.get("/")  # not signed in: sent to the sign-in page
    client.get("/healthz")
    [signed_in, anonymous] = logged(request_log, "/")
    assert (signed_in.status, signed_in.user_id) == (200, world.users["principal"].pk)
    assert (anonymous.status, anonymous.user_id) == (302, None)
    assert logged(request_log, "/healthz")[0].user_id is None


def test_an_api_request_names_its_user(world, request_log):
    world.client("admin").get("/api/schools/")
    [record] = logged(request_log, "/api/schools/")
    assert (record.status, record.user_id) == (200, world.users["admin"].pk)


def test_a_log_line_is_one_line_of_json(world, request_log):
    world.client("teacher").get("/no-such-page/")
    [record] = logged(request_log, "/no-such-page/")
    line = JsonFormatter().format(record)
    assert "\n" not in line
    fields = json.loads(line)
    assert fields["logger"] == "districtlab.request" and fields["message"] == "GET /no-such-page/ 404"
    assert {k: fields[k] for k in ("method", "path", "status", "user_id")} == {
        "method": "GET", "path": "/no-such-page/", "status": 404, "user_id": world.users["teacher"].pk}


def test_a_traceback_stays_on_the_records_line():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, exc_info=sys.exc_info())
    line = JsonFormatter().format(record)
    assert "\n" not in line and "ValueError: boom" in json.loads(line)["traceback"]
