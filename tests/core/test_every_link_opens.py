"""Every demo sign-in follows the links DistrictLab shows them: no page fails, and no link leads to a refusal.

A breadth-first walk of the demo as each person, GET only (never sign-out or delete links), visiting a few pages of
each kind (URLs that differ only in their numbers are one kind), so every page kind each role can reach is opened.
"""
import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

SKIP = re.compile(r"logout|delete|/admin/|\.ics$|/calendar/|\.(csv|xlsx|svg)$|/static/|/media/")
PER_KIND = 1  # pages opened per URL shape
MAX_PAGES = 250


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href:
            self.hrefs.append(href)


def shape(url: str) -> str:
    return re.sub(r"\d+", "N", url)


def walk(client: Client) -> list[tuple[str, int, str | None]]:
    """(url, status, the page that linked it) for each page opened."""
    seen, kinds, queue, opened = {"/"}, Counter(), deque([("/", None)]), []
    while queue and len(opened) < MAX_PAGES:
        url, linked_from = queue.popleft()
        response = client.get(url)
        opened.append((url, response.status_code, linked_from))
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        for href in parser.hrefs:
            parts = urlsplit(urljoin(url, href))
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if parts.scheme or parts.netloc or SKIP.search(parts.path) or target in seen:
                continue
            seen.add(target)
            if kinds[shape(parts.path)] < PER_KIND:
                kinds[shape(parts.path)] += 1
                queue.append((target, url))
    return opened


@pytest.fixture(scope="module")
def sign_ins(demo):
    return sorted({username for username, *_ in demo.sign_ins})


def test_every_role_opens_every_link_it_is_shown(db, demo, sign_ins):
    problems = []
    for username in sign_ins:
        client = Client(raise_request_exception=False)
        client.force_login(get_user_model().objects.get(username=username))
        for url, status, linked_from in walk(client):
            if status >= 500 or (linked_from and status in (403, 404)):
                problems.append(f"{username}: {status} {url} (linked from {linked_from})")
    assert len(sign_ins) >= 20
    assert not problems, "\n".join(problems)
