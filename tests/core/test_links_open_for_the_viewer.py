"""A page links only to what its viewer can open: every kind of link on the norms, practices and visits pages
answers 200 for the person who sees it (no "Edit", "Update" or "Revisit" that ends in "not allowed", no meeting
that is not there for them). Links that differ only in their numbers are one kind: each kind is followed once per
person."""
import re
from urllib.parse import urljoin

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from districtlab.practices.models import Practice
from districtlab.visits.models import Meeting

USERS = ["nyc.admin", "nyc.central", "nyc.facilitator", "nyc.principal", "nyc.teacher", "nyc.coach", "nyc.partner",
         "nyc.researcher", "highline.partner", "soar.teacher"]  # every role, in the demo's three districts
SKIP = re.compile(r"^/(static|media|api|admin|accounts)/|\.(csv|xlsx|ics)$|^/calendar/")
ACTION = re.compile(r"/\d+/|/new/")  # a record's page or an action on one ("…/5/edit/", "…/new/?norm=5")
HREF = re.compile(r'<a\b[^>]*\bhref="([^"#]+)"')


def links_on(client, page):
    response = client.get(page)
    assert response.status_code == 200, (page, response.status_code)
    found = set()
    for href in HREF.findall(response.content.decode()):
        href = urljoin(page, href.replace("&amp;", "&"))
        path = href.split("?")[0]
        if href.startswith("/") and ACTION.search(path) and not SKIP.search(path):
            found.add(href)
    return found


def pages_for(client, each=8):
    """The norms list, the practice library and its first practices, the visits list and its first meetings."""
    pages = ["/visits/norms/", "/practices/", "/visits/"]
    ids = re.compile(r'href="/(practices|visits)/(\d+)/"')
    for listing in ("/practices/", "/visits/"):
        html = client.get(listing).content.decode()
        pages += list(dict.fromkeys(f"/{app}/{pk}/" for app, pk in ids.findall(html)))[:each]
    return pages


@pytest.mark.django_db
@pytest.mark.parametrize("username", USERS)
def test_every_link_on_the_pages_opens_for_its_viewer(demo, username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    broken = {}
    kinds = set()
    for page in pages_for(client):
        for link in sorted(links_on(client, page)):
            kind = re.sub(r"\d+", "N", link)
            if kind in kinds:
                continue
            kinds.add(kind)
            response = client.get(link)
            if response.status_code not in (200, 302) or (
                    response.status_code == 302 and "/accounts/login/" in response["Location"]):
                broken[link] = (response.status_code, page)
    assert kinds and not broken, broken


@pytest.mark.django_db
def test_the_demo_has_what_these_pages_show(demo):
    """The crawl above means something only if the demo has practices with adoptions, meetings and norms."""
    assert Practice.objects.filter(adoptions__isnull=False).exists()
    assert Practice.objects.filter(adoptions__meeting__isnull=False).exists()
    assert Meeting.objects.filter(next_steps__isnull=False).exists()


@pytest.fixture
def recorded(world):
    """A small district's norms, blocked dates, protocols, a practice adopted at a team meeting, a site visit."""
    import datetime as dt

    from districtlab.org import models as org
    from districtlab.practices import models as practices
    from districtlab.visits import models as visits

    partner_team = org.Team.objects.create(district=world.district, school=world.partner, school_year=world.year,
                                           kind="school_team", name="P.S. 8 LPP team")
    org.TeamMembership.objects.create(team=partner_team, person=world.people["coach"], role="member")
    visit = visits.Meeting.objects.create(district=world.district, school_year=world.year, kind="site_visit",
                                          title="October site visit", date=dt.date(2016, 10, 19),
                                          network=world.network, host=world.host)
    team_meeting = visits.Meeting.objects.create(district=world.district, school_year=world.year,
                                                 kind="team_meeting", title="P.S. 8 team meeting",
                                                 date=dt.date(2016, 11, 2), team=partner_team, host=world.partner)
    visits.NextStep.objects.create(meeting=visit, text="Try turn and talk", owner=world.people["coach"])
    for norm in (visits.Norm.objects.create(district=world.district, team=world.team, text="Start on time"),
                 visits.Norm.objects.create(district=world.district, network=world.network, text="Assume good intent")):
        visits.NormReview.objects.create(norm=norm, date=dt.date(2016, 12, 1), outcome="kept")
    visits.BlockedDate.objects.create(district=world.district, start=dt.date(2016, 12, 26), end=dt.date(2016, 12, 30),
                                      reason="Winter recess")
    visits.BlockedDate.objects.create(district=world.district, school=world.host, start=dt.date(2017, 1, 9),
                                      end=dt.date(2017, 1, 9), reason="P.S. 7 testing day")
    protocol = visits.Protocol.objects.create(district=world.district, name="Glow and grow", minutes=20)
    template = visits.AgendaTemplate.objects.create(district=world.district, name="Monthly visit", kind="site_visit")
    visits.AgendaTemplateItem.objects.create(template=template, protocol=protocol, position=0, minutes=20)
    org.DataNote.objects.create(district=world.district, kind="gap", subject="Team size", sources="seed 004")
    practice = practices.Practice.objects.create(
        district=world.district, author=world.people["teacher"], team=world.team, school=world.host,
        network=world.network, visibility="district", name="Talk moves", kind="routine", description="Starters",
        origin_school=world.host)
    version = practices.Version.objects.get_or_create(practice=practice, number=1)[0]  # a practice starts at 1
    practices.Adoption.objects.create(practice=practice, version=version, school=world.partner,
                                      from_school=world.host, through="team_meeting", meeting=team_meeting,
                                      date=dt.date(2016, 11, 2))
    return {"practice": practice, "visit": visit, "team_meeting": team_meeting}


WORLD_PAGES = ["/visits/norms/", "/visits/blocked-dates/", "/visits/protocols/", "/focus-areas/", "/years/",
               "/data-notes/", "/practices/{practice}/", "/visits/{visit}/", "/visits/{team_meeting}/"]


@pytest.mark.parametrize("role", ["admin", "central", "facilitator", "principal", "teacher", "coach", "partner",
                                  "researcher"])
def test_every_action_link_opens_for_each_role(world, recorded, role):
    client = world.client(role)
    ids = {name: record.pk for name, record in recorded.items()}
    broken, shown = {}, 0
    for page in (p.format(**ids) for p in WORLD_PAGES):
        if client.get(page).status_code != 200:  # a meeting this role does not take part in: not theirs to see
            continue
        for link in links_on(client, page):
            shown += 1
            status = client.get(link).status_code
            if status != 200:
                broken[link] = (status, page)
    assert shown and not broken, broken


def test_a_practice_names_a_meeting_the_viewer_cannot_open_without_linking_it(world, recorded):
    team_meeting = recorded["team_meeting"]
    page = world.client("teacher").get(f"/practices/{recorded['practice'].pk}/").content.decode()
    assert f'href="/visits/{team_meeting.pk}/"' not in page and "at school-team meeting" in page
    page = world.client("coach").get(f"/practices/{recorded['practice'].pk}/").content.decode()
    assert f'href="/visits/{team_meeting.pk}/"' in page  # P.S. 8's coach was there
    assert "/practices/adoptions/" in page  # and records what became of P.S. 8's adoption


def test_the_partner_reads_norms_without_edit_or_revisit_links(world, recorded):
    page = world.client("partner").get("/visits/norms/").content.decode()
    assert "Start on time" in page and "Assume good intent" in page
    assert not re.search(r"/visits/norms/\d+/edit/", page) and ">Revisit</a>" not in page
    page = world.client("principal").get("/visits/norms/").content.decode()
    assert ">Revisit</a>" in page and re.search(r"/visits/norms/\d+/edit/", page)
