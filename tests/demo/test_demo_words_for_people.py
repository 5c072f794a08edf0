"""Practitioners' screens speak their language (issue 11): the demo's practice pages show teachers no seed line
markers ("~5883", "(~166)") and no seed file names; citations stay in the records' sources and on data notes."""
import re

from districtlab.practices.demo import PRACTICES
from tests.demo.test_demo_true_to_the_seeds import api_list, signed_in

TEACHERS = ("nyc.teacher", "soar.teacher", "highline.teacher")
SEED_MARKER = re.compile(r"~\s?\d")
FILE_NAME = re.compile(r"seeds/|[\w-]+\.md\b")


def practice_pages(c):
    """The practices list, the conventions page, and each practice the user can see with its history."""
    practices = api_list(c, "/api/practices/")
    urls = ["/practices/", "/practices/conventions/"]
    for p in practices:
        urls += [f"/practices/{p['id']}/", f"/history/practices.practice/{p['id']}/"]
    return {p["name"] for p in practices}, urls


def test_teachers_see_no_seed_markers_or_file_names_on_practice_pages(db, demo):
    seen = set()
    for username in TEACHERS:
        c = signed_in(username)
        names, urls = practice_pages(c)
        assert names, username
        seen |= names
        for url in urls:
            response = c.get(url)
            assert response.status_code == 200, (username, url)
            html = response.content.decode()
            for pattern in (SEED_MARKER, FILE_NAME):
                found = pattern.search(html)
                assert found is None, (username, url, html[max(found.start() - 120, 0):found.end() + 40])
    assert {spec.name for spec in PRACTICES} <= seen  # every demo practice was opened by one of the teachers


def test_the_citations_stay_in_the_records_sources(db, demo):
    c = signed_in("nyc.researcher")
    practices = {p["name"]: p for p in api_list(c, "/api/practices/")}
    circles = practices["Student-led circles"]
    assert "~7596-7599" in circles["source"] and "~7596" not in circles["description"]  # moved, not lost
    assert "~5883" not in " ".join(v["why"] for v in api_list(c, f"/api/practice-versions/?practice="
                                                               f"{practices[PRACTICES[3].name]['id']}"))
