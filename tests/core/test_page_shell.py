"""Every page a person can reach has a plain title, one main landmark, and the navigation."""
import re

import pytest

PAGES = ["/", "/districts/", "{district}", "/schools/", "{school}", "/networks/", "{network}", "/teams/", "{team}",
         "/people/", "{person}", "/notes/", "/data-notes/", "/years/", "/focus-areas/", "/transfer/", "/schools/new/"]


@pytest.mark.parametrize("path", PAGES)
def test_page_shell(world, path):
    url = path.format(district=world.district.get_absolute_url(), school=world.host.get_absolute_url(),
                      network=world.network.get_absolute_url(), team=world.team.get_absolute_url(),
                      person=world.people["teacher"].get_absolute_url())
    body = world.client("admin").get(url).content.decode()
    title = re.search(r"<title>(.*?)</title>", body, re.S).group(1)
    assert "<" not in title and "\n" not in title.strip() and len(title) < 120, title
    assert title.endswith("· DistrictLab")
    assert body.count('<main id="main"') == 1 and 'aria-label="Main"' in body
