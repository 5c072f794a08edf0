"""Central office reaches Compliance from the navigation; a network's page links to its cycles, visits, feedback
trends and (for who plans) the year planner, and never to a page the viewer may not open."""
import html
import re

import pytest

NAV = re.compile(r'<nav[^>]*aria-label="Main"[^>]*>.*?</nav>', re.S)


def nav_links(page: str) -> dict[str, str]:
    nav = NAV.search(page)
    block = nav.group(0) if nav else page
    return {re.sub(r"<[^>]+>", "", label).strip(): html.unescape(href)
            for href, label in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', block, re.S)}


@pytest.mark.parametrize("role, shown", [("central", True), ("facilitator", True), ("admin", True),
                                         ("principal", False), ("teacher", False), ("coach", False)])
def test_compliance_is_in_the_navigation_of_whoever_may_open_it(world, role, shown):
    c = world.client(role)
    links = nav_links(c.get("/").content.decode())
    assert ("Compliance" in links) is shown
    assert c.get("/visits/compliance/").status_code == (200 if shown else 403)
    if shown:
        assert links["Compliance"] == "/visits/compliance/"


def network_links(client, network) -> dict[str, str]:
    page = client.get(f"/networks/{network.pk}/").content.decode()
    block = re.search(r'<nav aria-label="This network.s work">.*?</nav>', page, re.S)
    assert block, "the network page has no links to its work"
    return {label: html.unescape(href) for href, label in re.findall(r'<a href="([^"]+)">(.*?)</a>', block.group(0))}


@pytest.mark.parametrize("role, plans", [("facilitator", True), ("central", True), ("teacher", False),
                                         ("principal", False), ("partner", False), ("researcher", False)])
def test_a_network_page_links_to_its_work_that_the_viewer_may_open(world, role, plans):
    c = world.client(role)
    links = network_links(c, world.network)
    n = world.network.pk
    assert links["Cycles of Learning"] == f"/inquiry/networks/{n}/"
    assert links["Visits and meetings"] == f"/visits/?network={n}"
    assert links["Feedback trends"] == f"/visits/networks/{n}/feedback/"
    assert ("Plan the year's visits" in links) is plans
    for url in links.values():  # no link that refuses
        assert c.get(url).status_code == 200, url
    assert c.get(f"/visits/networks/{n}/planner/").status_code == (200 if plans else 403)
