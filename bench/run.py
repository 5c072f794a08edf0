"""Run every benchmark and print each figure beside its goal and the ratio to the last recorded run.

Each benchmark runs as its own process (``bench/<name>.py --json FILE``); its own lines show as it goes, then one
table of every figure. ``--record`` stores this run's figures in ``bench/recorded.json``, the run later ratios compare
with; ``--only`` picks benchmarks by name. Exit code 1 when any goal is missed.
Run: .venv/bin/pip install -q -e '.[bench]' && .venv/bin/python bench/run.py [--only NAME,...] [--record]
"""
import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import figures  # noqa: E402

BENCHMARKS = {  # name: (script, arguments)
    "org_pages": ("org_pages.py", []),
    "org_pages_postgresql": ("org_pages.py", ["--postgres", "--sizes", "1800", "--huge"]),
    "knowledge_flow": ("knowledge_flow.py", []),
    "charts": ("charts.py", []),
    "imports": ("imports.py", []),
    "matching": ("matching.py", []),
    "load": ("load.py", []),
}


def run(name: str, script: str, arguments: list[str], out: Path) -> tuple[list[figures.Figure], int, float]:
    """Run one benchmark, its output passed through; its figures, exit code and minutes taken."""
    print(f"\n=== {name}: {script} {' '.join(arguments)}", flush=True)
    started = time.perf_counter()
    code = subprocess.run([sys.executable, str(HERE / script), *arguments, "--json", str(out)]).returncode
    return figures.read(out), code, (time.perf_counter() - started) / 60


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help=f"comma-separated, of: {', '.join(BENCHMARKS)}")
    parser.add_argument("--record", action="store_true", help="store this run's figures as the ones to compare with")
    args = parser.parse_args(argv)
    chosen = args.only.split(",") if args.only else list(BENCHMARKS)
    unknown = [name for name in chosen if name not in BENCHMARKS]
    if unknown:
        parser.error(f"no benchmark named {', '.join(unknown)}; there are: {', '.join(BENCHMARKS)}")
    last = figures.recorded()
    found, failed = [], []
    with tempfile.TemporaryDirectory(prefix="districtlab-bench-") as tmp:
        for name in chosen:
            script, arguments = BENCHMARKS[name]
            got, code, minutes = run(name, script, arguments, Path(tmp) / f"{name}.json")
            print(f"=== {name}: {len(got)} figures in {minutes:.1f} min", flush=True)
            found += got
            if code and not got:
                failed.append(name)
    print(f"\n{'figure':<60} {'value':>10} {'unit':<7} {'goal':<16} {'':<10} ratio to last recorded run")
    figures.show(found, last)
    missed = [f for f in found if not f.met]
    print(f"\n{len(found) - len(missed)} of {len(found)} goals met"
          + (f"; benchmarks that failed to run: {', '.join(failed)}" if failed else ""))
    if args.record:
        figures.RECORDED.write_text(json.dumps({**last, **{f.key: round(f.value, 4) for f in found}}, indent=1,
                                               sort_keys=True) + "\n")
        print(f"Recorded in {figures.RECORDED.relative_to(HERE.parent)}")
    return 1 if missed or failed else 0


if __name__ == "__main__":
    sys.exit(main())
