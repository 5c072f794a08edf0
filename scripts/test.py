#!/usr/bin/env python3
"""Run DistrictLab's whole test suite: always on SQLite, and on PostgreSQL where one is reachable.

PostgreSQL is found through DATABASE_URL or a server on 127.0.0.1:5432 (database "test", or PGDATABASE).
With --ci (the default when CI=true), a run without PostgreSQL fails, and so does any
skipped test (browser tests skip, saying why, where Chromium is not installed). Extra arguments go to pytest.
The last line is the combined count: "N passed, N failed".
"""
import argparse
import getpass
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def find_postgres() -> tuple[str | None, str]:
    """A PostgreSQL URL to test against, or None with the reason."""
    url = os.environ.get("DATABASE_URL", "")
    if url:
        if url.startswith(("postgres://", "postgresql://")):
            return url, f"DATABASE_URL ({url.split('@')[-1]})"
        return None, "DATABASE_URL is not a PostgreSQL URL"
    import psycopg

    db = os.environ.get("PGDATABASE", "test")
    for user in dict.fromkeys(filter(None, [os.environ.get("PGUSER"), "postgres", getpass.getuser()])):
        try:
            psycopg.connect(host="127.0.0.1", port=5432, user=user, dbname=db, connect_timeout=3).close()
        except psycopg.OperationalError:
            continue
        return f"postgres://{user}@127.0.0.1:5432/{db}", f"server on 127.0.0.1:5432 (user {user}, database {db})"
    return None, "no server answered on 127.0.0.1:5432 and DATABASE_URL is not set"


def start_suite(label: str, database_url: str | None, pytest_args: list[str], log: Path | None,
                postgres_url: str | None = None) -> dict:
    """Start one run of the suite in the background: its output goes to ``log`` (or straight to the terminal)."""
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    env["DISTRICTLAB_TEST_RUN"] = label.lower()  # tests marked own_databases run in the SQLite run only
    if postgres_url:  # ... and find PostgreSQL through this
        env["DISTRICTLAB_TEST_POSTGRES"] = postgres_url
    data_dir = tempfile.mkdtemp(prefix=f"districtlab-test-{label.lower()}-")
    env["DISTRICTLAB_DATA_DIR"] = data_dir
    report = Path(data_dir) / "junit.xml"
    out = open(log, "w") if log else None
    process = subprocess.Popen([sys.executable, "-m", "pytest", f"--junitxml={report}", *pytest_args], cwd=ROOT,
                               env=env, stdout=out or None, stderr=subprocess.STDOUT if out else None)
    return {"label": label, "process": process, "report": report, "log": log, "out": out}


def finish_suite(run: dict) -> dict:
    """Wait for a run, show its output if it was kept aside, and read its counts from its JUnit report."""
    code = run["process"].wait()
    if run["out"]:
        run["out"].close()
        print(f"\n=== {run['label']} ===", flush=True)
        print(run["log"].read_text(), end="", flush=True)
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    skips = []
    if run["report"].exists():
        suite = ET.parse(run["report"]).getroot()
        suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
        counts = {k: int(suite.get(k, 0)) for k in counts} | {"seconds": float(suite.get("time", 0))}
        skips = sorted({s.get("message", "") for s in suite.iter("skipped")})
    counts["failed"] = counts["failures"] + counts["errors"]
    counts["passed"] = counts["tests"] - counts["failed"] - counts["skipped"]
    counts["exit"] = code
    counts["skips"] = skips
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ci", action="store_true", help="CI: fail unless PostgreSQL ran and no test was skipped.")
    args, pytest_args = parser.parse_known_args()
    args.ci = args.ci or os.environ.get("CI", "").lower() == "true"
    pg_url, why = find_postgres()
    # The two databases' runs go side by side (one core each); PostgreSQL's output follows SQLite's.
    if pg_url:
        print("PostgreSQL: running beside SQLite; its output follows SQLite's.", flush=True)
        pg_log = Path(tempfile.mkdtemp(prefix="districtlab-test-log-")) / "postgresql.log"
        pg_run = start_suite("PostgreSQL", pg_url, pytest_args, pg_log)
    print("\n=== SQLite ===", flush=True)
    results = {"SQLite": finish_suite(start_suite("SQLite", None, pytest_args, None, pg_url))}
    if pg_url:
        results["PostgreSQL"] = finish_suite(pg_run)
    print("\n=== Summary ===")
    ok = all(r["exit"] == 0 and r["tests"] > 0 for r in results.values())
    for label, r in results.items():
        print(f"{label}: {r['passed']} passed, {r['failed']} failed, {r['skipped']} skipped"
              f" in {r.get('seconds', 0) / 60:.1f} min")
        for reason in r["skips"]:
            print(f"  skipped: {reason}")
        if r["skips"] and args.ci:
            print("  CI runs every test: failing because tests were skipped.")
            ok = False
    if pg_url:
        print(f"PostgreSQL: ran against {why}.")
    else:
        print(f"PostgreSQL: not run — {why}. Only SQLite was tested.")
        if args.ci:
            print("PostgreSQL is required in CI: failing.")
            ok = False
    passed = sum(r["passed"] for r in results.values())
    failed = sum(r["failed"] for r in results.values())
    print(f"{passed} passed, {failed} failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
