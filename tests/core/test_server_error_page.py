"""When DistrictLab itself fails, people see a page in the site's look that says what to do, not Django's bare text."""
import pytest
from django.test import Client
from django.urls import get_resolver, path

import districtlab.urls


def broken_page(request):
    raise RuntimeError("a bug in a page")


# This module is the URL configuration of its tests: the project's pages and error handler, plus a page that fails.
urlpatterns = [path("broken/", broken_page), path("api/broken/", broken_page), *districtlab.urls.urlpatterns]
handler500 = districtlab.urls.handler500

pytestmark = pytest.mark.urls(__name__)


@pytest.fixture
def failing_client(settings):
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def test_the_project_sends_failures_to_districtlabs_own_page():
    assert get_resolver("districtlab.urls").resolve_error_handler(500).__module__ == "districtlab.core.errors"


def test_a_failing_page_answers_with_the_sites_friendly_500(world, failing_client):
    failing_client.force_login(world.users["teacher"])
    response = failing_client.get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert page.startswith("<!doctype html>")
    assert 'href="/static/districtlab/site.css"' in page and 'class="brand"' in page  # the site's look
    assert "Something went wrong" in page and "Back to your home page" in page
    assert "a bug in a page" not in page and "Traceback" not in page and "RuntimeError" not in page


def test_a_failing_page_answers_the_same_to_someone_not_signed_in(db, failing_client):
    response = failing_client.get("/broken/")
    assert response.status_code == 500 and "Something went wrong" in response.content.decode()


def test_a_failing_api_call_answers_in_json(world, failing_client):
    failing_client.force_login(world.users["teacher"])
    response = failing_client.get("/api/broken/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert "Something went wrong" in response.json()["detail"]


def test_an_error_page_that_cannot_render_falls_back_to_a_plain_one(rf):
    from districtlab.core.errors import server_error

    response = server_error(rf.get("/anything/"), template_name="no-such-template.html")
    assert response.status_code == 500 and b"Something went wrong" in response.content
