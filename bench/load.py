"""Benchmark: 50 signed-in people at once against ``districtlab serve``, at 1,800 schools, on SQLite and PostgreSQL.

For each database, in a throwaway data directory (and, for PostgreSQL, a throwaway database on 127.0.0.1:5432),
builds the synthetic district of ``districtlab.demo.synthetic`` (1,800 schools, with a practice from each) and 50
sign-ins: central office (program directors) and school staff (principals and teachers, each on their school's
team). Starts the real ``districtlab serve`` on a free port, configured through the environment as the README says,
opens every page of the mix once (as a server that has been running would have), then runs locust's clients
(``bench/clients/mix.py``): each signs in through the sign-in form and opens pages of its role's weighted mix (home,
lists of schools, networks, teams, people search, visits, practices, the progress dashboard and compliance for
central office, API lists, detail pages), in two phases: no pause between pages for ``--seconds`` (pages a second,
errors), then a steady ``--rate`` pages a second offered in all (p50/p95/p99 of each page and overall). The clients
run on the same two cores as the server: their CPU share is printed.

Goals (issue 13; this machine: 2 cores): at least 150 pages/s with no errors; at 30 pages/s offered, p95 under
150 ms.
Run: .venv/bin/pip install -q -e '.[bench]' && .venv/bin/python bench/load.py [--backend sqlite|postgresql|both]
     [--schools 1800] [--users 50] [--seconds 30] [--rate 30] [--workers N --threads N] [--json FILE]
"""
import argparse
import http.client
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import figures  # noqa: E402

PAGES_PER_SECOND, P95_MS = 150, 150
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PASSWORD = "load-bench-password"
# central office's pages only: the program's dashboards, and visits of any network (school staff see their own)
CENTRAL_PAGES = {"progress dashboard", "compliance", "visit"}


def build(schools: int, users: int) -> tuple[list, dict]:
    """The synthetic district, ``users`` sign-ins (three in five central office, the rest principals and teachers)
    and each role's mix: [name, paths, weight]."""
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from districtlab.demo.synthetic import build as build_district, build_practices
    from districtlab.org import models as m
    from districtlab.practices.models import Practice
    from districtlab.visits.models import Meeting

    world = build_district(schools, username="load.central.0", password=PASSWORD)
    build_practices(world)
    User = get_user_model()
    digest = make_password(PASSWORD)  # once: hashing 50 passwords one by one takes as long as the rest
    central = users * 3 // 5
    accounts = User.objects.bulk_create(User(username=f"load.central.{i}", password=digest) for i in range(1, central))
    m.Position.objects.bulk_create(
        m.Position(person=person, district=world.district, kind="program_director")
        for person in m.Person.objects.bulk_create(
            m.Person(district=world.district, name=f"Central {i}", user=user, synthetic=True)
            for i, user in enumerate(accounts, 1)))
    staff = User.objects.bulk_create(User(username=f"load.school.{i}", password=digest) for i in range(users - central))
    stride = max(len(world.schools) // len(staff), 1)
    for i, user in enumerate(staff):  # each the first member of a school's team; every other one its principal
        person = world.people[i * stride * 6]
        person.user = user
        person.save(update_fields=["user"])
        if i % 2:
            m.Position.objects.create(person=person, district=world.district, school=world.schools[i * stride],
                                      kind="principal", start=dt.date(2015, 9, 1))
    year = world.district.current_school_year
    sample = range(0, len(world.schools), max(len(world.schools) // 50, 1))
    networks = list(m.Network.objects.filter(school_year=year).order_by("pk").values_list("pk", flat=True)[:50])
    details = {
        "school": [world.schools[i].get_absolute_url() for i in sample],
        "network": [f"/networks/{pk}/" for pk in networks],
        "team": [world.teams[i].get_absolute_url() for i in sample],
        "person": [world.people[i * 6].get_absolute_url() for i in sample],
        "a school's cycles": [f"/inquiry/schools/{world.schools[i].pk}/" for i in sample],
        "visit": [f"/visits/{pk}/" for pk in Meeting.objects.filter(network__in=networks).order_by("pk")
                  .values_list("pk", flat=True)[:50]],
        "practice": [f"/practices/{pk}/" for pk in Practice.objects.order_by("pk").values_list("pk", flat=True)[:50]],
    }
    pages = [
        ("home", ["/"], 10), ("schools", ["/schools/"], 8), ("networks", ["/networks/"], 6),
        ("people search", ["/people/?q=Person+1"], 5), ("teams", ["/teams/"], 5), ("visits", ["/visits/"], 6),
        ("practice library", ["/practices/"], 5), ("progress dashboard", ["/inquiry/progress/"], 4),
        ("compliance", ["/visits/compliance/"], 3), ("API schools", ["/api/schools/?page=2"], 5),
        ("API people", ["/api/people/"], 3), ("API meetings", ["/api/meetings/"], 3),
        ("API cycles", ["/api/cycles/"], 3), *((name, paths, 4) for name, paths in details.items()),
    ]
    mixes = {"central": pages, "school": [p for p in pages if p[0] not in CENTRAL_PAGES]}
    return ([[f"load.central.{i}", PASSWORD, "central"] for i in range(central)]
            + [[user.username, PASSWORD, "school"] for user in staff]), mixes


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, headers: dict | None = None, body: bytes | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    connection.request("POST" if body else "GET", path, body=body, headers=headers or {})
    response = connection.getresponse()
    return response.status, response.msg, response.read()


def wait_until_ready(port: int, server: subprocess.Popen, log: Path):
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"districtlab serve stopped:\n{log.read_text()[-3000:]}")
        try:
            if get(port, "/readyz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit("districtlab serve was not ready after 180 s")


def warm(port: int, username: str, mix: list):
    """Sign in as ``username`` and open every page of ``mix`` once, every detail page of the sample included (a
    dashboard's first visit computes what later visits read, a practice's first visit draws its lineage graph,
    which the server's other processes then read): each must answer 200."""
    status, headers, page = get(port, "/accounts/login/")
    cookies = {m[1]: m[2] for m in re.finditer(r"([^=,; ]+)=([^;]*)", headers.get("Set-Cookie", ""))
               if m[1] == "csrftoken"}
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.decode())[1]
    status, headers, _ = get(port, "/accounts/login/", body=urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}).encode(), headers={
        "Cookie": f"csrftoken={cookies['csrftoken']}", "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 302, f"{username} could not sign in ({status})"
    session = re.search(r"sessionid=([^;]+)", ", ".join(headers.get_all("Set-Cookie")))[1]
    for name, paths, _ in mix:
        for path in paths:
            status = get(port, path, headers={"Cookie": f"sessionid={session}"})[0]
            assert status == 200, f"{username}: {name} ({path}) answered {status}"


def one_backend(args) -> list[figures.Figure]:
    """Build, serve and load one database (``args.backend``), in this process."""
    import logging

    work = Path(tempfile.mkdtemp(prefix="districtlab-load-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DISTRICTLAB_DATA_DIR"] = str(work / "data")
    database = None
    if args.backend == "postgresql":
        import psycopg
        database = f"districtlab_load_{os.getpid()}_{secrets.token_hex(3)}"
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{database}"')
        env["DATABASE_URL"] = f"{PG_SERVER}/{database}"
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "districtlab.settings")
    server = None
    try:
        import django
        django.setup()
        logging.getLogger("districtlab.request").setLevel(logging.WARNING)
        from django.core.management import call_command
        from django.db import connections
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        users, mixes = build(args.schools, args.users)
        print(f"[{args.backend}] built {args.schools:,} schools and {len(users)} sign-ins in "
              f"{time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
        connections.close_all()
        port, log = free_port(), work / "serve.log"
        serve = [sys.executable, "-m", "districtlab.cli", "serve", "--bind", f"127.0.0.1:{port}"]
        serve += [f"--{option}={value}" for option in ("workers", "threads")
                  if (value := getattr(args, option)) is not None]
        server = subprocess.Popen(serve, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
        wait_until_ready(port, server, log)
        warm(port, users[0][0], mixes["central"])
        warm(port, users[-1][0], mixes["school"])
        plan, result = work / "plan.json", work / "result.json"
        plan.write_text(json.dumps({
            "host": f"http://127.0.0.1:{port}", "users": users, "mixes": mixes, "server_pid": server.pid,
            "phases": [{"name": "no pause", "seconds": args.seconds, "rate": None},
                       {"name": "steady", "seconds": args.seconds, "rate": args.rate}]}))
        done = subprocess.run([sys.executable, str(HERE / "clients" / "mix.py"), str(plan), str(result)], cwd=ROOT)
        if done.returncode:
            sys.exit(f"the clients failed (exit {done.returncode}); the server's log: {log}")
        return report(args.backend, json.loads(result.read_text()))
    finally:
        if server is not None:
            server.terminate()
            server.wait(60)
        if database:
            import psycopg
            from django.db import connections
            connections.close_all()
            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def report(backend: str, result: dict) -> list[figures.Figure]:
    """Print each phase's pages and CPU shares; the figures against the goals."""
    saturate, steady = result["phases"]
    for phase in result["phases"]:
        seconds = phase["seconds"]
        print(f"\n[{backend}] {phase['name']}"
              + (f" ({phase['rate']} pages/s offered)" if phase["rate"] else "")
              + f": {phase['pages'] / seconds:.1f} pages/s, {phase['failures']} failed; CPU: server "
              f"{phase['server_cpu_seconds'] / seconds:.0%} of a core, clients {phase['client_cpu_seconds'] / seconds:.0%}"
              f" ({phase['server_cpu_seconds'] * 1000 / max(phase['pages'], 1):.1f} ms of server CPU a page)")
        print(f"  {'page':<22} {'count':>6} {'p50':>6} {'p95':>6} {'p99':>6}  (ms)")
        for name, p in sorted(phase["by_page"].items()) + [("all", phase["all"])]:
            print(f"  {name:<22} {p['count']:>6} {p['p50']:>6} {p['p95']:>6} {p['p99']:>6}"
                  + (f"  {p['failures']} failed" if p["failures"] else ""))
        for error in phase["errors"][:10]:
            print(f"  error: {error}")
    bench = Path(__file__).stem
    return [
        figures.Figure(bench, f"{backend}: pages/s, 50 clients, no pause", saturate["pages"] / saturate["seconds"],
                       "pages/s", PAGES_PER_SECOND, at_least=True),
        figures.Figure(bench, f"{backend}: errors, 50 clients, no pause", saturate["failures"], "errors", 1),
        figures.Figure(bench, f"{backend}: p95 at {steady['rate']:g} pages/s offered", steady["all"]["p95"], "ms",
                       P95_MS),
        figures.Figure(bench, f"{backend}: errors at {steady['rate']:g} pages/s offered", steady["failures"],
                       "errors", 1),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--schools", type=int, default=1800)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30, help="length of each phase (default 30)")
    parser.add_argument("--rate", type=float, default=30, help="pages a second offered in the steady phase")
    parser.add_argument("--workers", type=int, help="serve's worker processes (default: serve's own)")
    parser.add_argument("--threads", type=int, help="serve's threads per process (default: serve's own)")
    figures.json_argument(parser)
    args = parser.parse_args()
    if args.backend == "both":  # each database in a process of its own: Django's settings are read once
        found = []
        for backend in ("sqlite", "postgresql"):
            out = Path(tempfile.mkstemp(suffix=".json")[1])
            options = [f"--{k}={v}" for k, v in vars(args).items() if v is not None and k not in ("backend", "json")]
            subprocess.run([sys.executable, __file__, *options, f"--backend={backend}", f"--json={out}"], cwd=ROOT)
            found += figures.read(out) or [figures.Figure(Path(__file__).stem, f"{backend}: ran", 0, "runs", 1, True)]
    else:
        found = one_backend(args)
    print()
    return figures.finish(found, args.json, shown=False)


if __name__ == "__main__":
    sys.exit(main())
