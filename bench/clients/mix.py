"""The clients of ``bench/load.py``: locust's FastHttpUsers, driven as a library, that sign in through the real
sign-in form and then open a weighted mix of pages, in two phases: as fast as the server answers, then at a steady
offered rate. Not a benchmark of its own (``bench/load.py`` starts it).

Run: python bench/clients/mix.py PLAN.json RESULT.json
PLAN: ``host``, ``users`` ([username, password, role]), ``mixes`` ({role: [[name, [path, ...], weight], ...]}),
``phases`` ([{"name", "seconds", "rate"}]: rate in pages a second offered by all clients together, null for no
pause) and ``server_pid`` (whose processes' CPU time is read at each phase's start and end).
RESULT: per phase its seconds, pages, failures, errors, each page's count and p50/p95/p99 in ms, and the CPU seconds
of these clients and of the server.
"""
import locust  # noqa: F401  (first: gevent patches the standard library before anything else imports it)

import json
import random
import re
import resource
import sys
import time
from pathlib import Path

import gevent
import psutil
from locust import FastHttpUser, constant_throughput, events, task
from locust.env import Environment
from locust.exception import StopUser

SIGN_IN = "sign in"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PLAN: dict = {}
STATE = {"rate": None, "signed_in": 0, "tried": 0, "accounts": []}


class Client(FastHttpUser):
    """One signed-in person opening pages of their role's mix, one after another."""

    connection_timeout = 60.0
    network_timeout = 120.0

    def wait_time(self):
        rate = STATE["rate"]  # a pause per client that makes all of them together offer ``rate`` pages a second
        return constant_throughput(rate / len(PLAN["users"]))(self) if rate else 0

    def on_start(self):
        try:
            self.sign_in(*STATE["accounts"].pop())
        finally:
            STATE["tried"] += 1

    def sign_in(self, username, password, role):
        page = self.client.get("/accounts/login/", name=SIGN_IN)
        token = CSRF.search(page.text)[1]
        with self.client.post("/accounts/login/", data={"username": username, "password": password,
                                                         "csrfmiddlewaretoken": token},
                              name=SIGN_IN, allow_redirects=False, catch_response=True) as answer:
            if answer.status_code != 302:
                answer.failure(f"sign-in answered {answer.status_code}")
                raise StopUser()
        self.pages = [(name, paths) for name, paths, _ in PLAN["mixes"][role]]
        self.weights = [weight for _, _, weight in PLAN["mixes"][role]]
        STATE["signed_in"] += 1

    @task
    def open_a_page(self):
        name, paths = random.choices(self.pages, self.weights)[0]
        with self.client.get(random.choice(paths), name=name, allow_redirects=False, catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"answered {answer.status_code}")


def cpu_seconds(pid: int) -> float:
    """CPU time of ``pid`` and every process under it, the finished ones it waited for included."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for process in processes:
        try:
            t = process.cpu_times()
            total += t.user + t.system + t.children_user + t.children_system
        except psutil.NoSuchProcess:
            pass
    return total


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def percentiles(entry) -> dict:
    return {"count": entry.num_requests, "failures": entry.num_failures,
            **{f"p{p}": entry.get_response_time_percentile(p / 100) for p in (50, 95, 99)}}


def run_phase(env: Environment, phase: dict) -> dict:
    STATE["rate"] = phase["rate"]
    env.stats.reset_all()
    started, clients, server = time.monotonic(), own_cpu_seconds(), cpu_seconds(PLAN["server_pid"])
    gevent.sleep(phase["seconds"])
    seconds = time.monotonic() - started
    pages = {name: percentiles(entry) for (name, _method), entry in env.stats.entries.items() if name != SIGN_IN}
    return {
        "name": phase["name"], "rate": phase["rate"], "seconds": seconds,
        "pages": sum(p["count"] for p in pages.values()), "failures": sum(p["failures"] for p in pages.values()),
        "all": percentiles(env.stats.total), "by_page": pages,
        "errors": [f"{e.name}: {e.error} ({e.occurrences}×)" for e in env.stats.errors.values()],
        "client_cpu_seconds": own_cpu_seconds() - clients,
        "server_cpu_seconds": cpu_seconds(PLAN["server_pid"]) - server,
    }


def main(plan_path: str, result_path: str) -> int:
    PLAN.update(json.loads(Path(plan_path).read_text()))
    STATE["accounts"] = [tuple(u) for u in PLAN["users"]]
    Client.host = PLAN["host"]
    env = Environment(user_classes=[Client], events=events)
    runner = env.create_local_runner()
    n = len(PLAN["users"])
    runner.start(n, spawn_rate=n)
    deadline = time.monotonic() + 300
    while STATE["tried"] < n and time.monotonic() < deadline:
        gevent.sleep(0.2)
    phases = [run_phase(env, phase) for phase in PLAN["phases"]] if STATE["signed_in"] == n else []
    runner.quit()
    Path(result_path).write_text(json.dumps({"signed_in": STATE["signed_in"], "phases": phases}))
    return 0 if phases else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
