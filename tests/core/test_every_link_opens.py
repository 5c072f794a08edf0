"""Every demo sign-in follows the links DistrictLab shows them: no page fails, and no link leads to a refusal.

A breadth-first walk of the demo as each person, GET only (never sign-out or delete links), opening one page of each
kind (URLs that differ only in their numbers are one kind) per role: a kind already opened by someone of the same
role (in another district) is not opened again, so every page kind each role can reach is opened once.
"""
import re
from collections import defaultdict, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.contrib.auth import get_user_model
from django.test import Client

SKIP = re.compile(r"logout|delete|/admin/|\.ics$|/calendar/|\.(csv|xlsx|svg)$|/static/|/media/")
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


def walk(client: Client, kinds: set[str]) -> list[tuple[str, int, str | None]]:
    """(url, status, the page that linked it) for each page opened, but for the kinds in ``kinds`` (the kinds
    opened are added to it)."""
    seen, queue, opened = {"/"}, deque([("/", None)]), []
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
            if shape(parts.path) not in kinds:
                kinds.add(shape(parts.path))
                queue.append((target, url))
    return opened


def test_every_role_opens_every_link_it_is_shown(db, demo):
    roles = defaultdict(set)  # the kinds of page opened, by role
    problems, opened = [], 0
    for username, role, *_ in sorted(demo.sign_ins):
        client = Client(raise_request_exception=False)
        client.force_login(get_user_model().objects.get(username=username))
        for url, status, linked_from in walk(client, roles[role]):
            opened += 1
            if status >= 500 or (linked_from and status in (403, 404)):
                problems.append(f"{username}: {status} {url} (linked from {linked_from})")
    assert len(demo.sign_ins) >= 20 and len(roles) >= 10 and opened >= 300
    assert not problems, "\n".join(problems)
