"""A Content-Security-Policy without inline script or style is sent on every answer, and DistrictLab's pages keep to
it: no inline script, event handler or style in any template, and Chromium reports no violation on the main pages
of the demo served by ``districtlab serve`` (charts, htmx, the API's documentation and the admin included)."""
import json
import re
from pathlib import Path

import pytest

from tests.core.serving import collected_static, copy_demo, districtlab, serve, sqlite_env

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "districtlab-demo"
INDICATOR = """() => { const s = document.createElement("span"); s.className = "htmx-indicator";
    document.body.append(s); const o = getComputedStyle(s).opacity; s.remove(); return o; }"""
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|\sstyle\s*=|<style\b", re.I)


def directives(header: str) -> dict:
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


@pytest.mark.parametrize("path", ["/accounts/login/", "/healthz", "/api/", "/no-such-page/"])
def test_every_answer_carries_the_policy(client, db, path):
    policy = directives(client.get(path)["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]


def test_no_template_has_inline_script_handlers_or_styles():
    found = [f"{path.relative_to(ROOT)}: {m[0]}" for path in sorted((ROOT / "districtlab").rglob("templates/**/*.html"))
             for m in INLINE.finditer(path.read_text())]
    assert found == []


# Pages with charts nyc.central may see: a measure with data, a practice that travelled, a network's feedback trends
CHART_PAGES = """
import json
from django.contrib.auth.models import User
from django.urls import reverse
from districtlab.core.permissions import actor_for, scope
from districtlab.inquiry.models import Measure
from districtlab.practices.models import Practice
from districtlab.visits.models import Feedback
actor = actor_for(User.objects.get(username="nyc.central"))
measure = scope(actor, Measure.objects.filter(points__isnull=False).distinct().order_by("pk")).first()
practice = scope(actor, Practice.objects.filter(adoptions__isnull=False).distinct().order_by("pk")).first()
network = Feedback.objects.order_by("pk").first().meeting.network
print(json.dumps([measure.get_absolute_url(), practice.get_absolute_url(), reverse("practices:flow"),
                  reverse("visits:feedback-trends", args=[network.pk])]))
"""


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("csp")
    copy_demo(tmp / "data")
    collected_static(tmp / "data")
    env = sqlite_env(tmp / "data")
    found = districtlab(["shell", "-v0", "-c", CHART_PAGES], env)
    assert found.returncode == 0, found.stderr
    with serve(env, tmp, "--workers", "1") as server:
        yield f"http://127.0.0.1:{server.port}", json.loads(found.stdout)


@pytest.mark.browser
@pytest.mark.own_databases
def test_chromium_reports_no_violation_on_the_main_pages(browser, demo_server):
    url, chart_pages = demo_server
    violations, charts = [], []

    def visit(page, path):
        page.goto(f"{url}{path}")
        if path == "/api/docs/":
            page.locator(".swagger-ui .info").wait_for()  # the API's documentation has drawn itself
        elif not path.startswith("/admin/"):  # ours: htmx from our own origin, its indicator style in our stylesheet
            assert page.evaluate("typeof htmx") == "object" and page.evaluate(INDICATOR) == "0", path
        for svg in page.locator("figure.chart svg").all():  # its white background comes from attributes
            charts.append(path)
            assert svg.evaluate("s => getComputedStyle(s.querySelector('path')).fill") == "rgb(255, 255, 255)", path

    for user in ("nyc.central", "nyc.teacher", "nyc.facilitator"):
        context = browser.new_context()
        page = context.new_page()
        page.on("console", lambda msg: violations.append(f"{msg.text} ({page.url})")
                if "Content Security Policy" in msg.text else None)
        visit(page, "/accounts/login/")
        page.get_by_label("Username").fill(user)
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        nav = page.get_by_role("navigation", name="Main").get_by_role("link")
        paths = nav.evaluate_all("links => links.map(a => a.getAttribute('href'))")
        more = ["/accounts/api-tokens/", "/api/docs/", "/admin/login/", "/no-such-page/"]
        for path in dict.fromkeys([*paths, *(chart_pages if user == "nyc.central" else []), *more]):
            visit(page, path)
        context.close()
    assert violations == []
    assert len(charts) >= 3, charts  # a measure's chart, a practice's lineage and the feedback trends at least
