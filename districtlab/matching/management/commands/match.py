"""``districtlab match FILE.csv [--partners-min 2] [--partners-max 3] [--weights lfa=10,grade=3,borough=1]
[--time-limit 30] [--json]``: form networks from a file of applicants (``districtlab.analysis.matching``)."""
import json
import math
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from districtlab.analysis.matching import Match, MatchingError, match
from districtlab.analysis.words import plural
from districtlab.matching.applicants import COLUMNS, parse_weights, read_applicants
from districtlab.org.spreadsheets import SpreadsheetError


class Command(BaseCommand):
    help = ("Form networks of one host and a few partners from a file of applicants (CSV or .xlsx with columns "
            f"{','.join(COLUMNS)}): the most schools placed, then the best fit by focus area, grade band and "
            "borough. Exit codes: 0 done, 1 no matching found in time, 2 bad file or options.")
    requires_system_checks = []  # reads a file and touches no database

    def add_arguments(self, parser):
        parser.add_argument("file", help=f"CSV (UTF-8) or .xlsx with columns {','.join(COLUMNS)}.")
        parser.add_argument("--partners-min", type=int, default=2, metavar="N", help="Fewest partners a network has.")
        parser.add_argument("--partners-max", type=int, default=3, metavar="N", help="Most partners a network has.")
        parser.add_argument("--weights", default="", metavar="lfa=10,grade=3,borough=1",
                            help="Weights of the score's parts, whole numbers; those not given keep these defaults.")
        parser.add_argument("--time-limit", type=float, default=30.0, metavar="SECONDS",
                            help="Search at most this long; the output says whether the result is proved best.")
        parser.add_argument("--json", action="store_true", help="Print JSON (one line).")

    def handle(self, *args, file, partners_min, partners_max, weights, time_limit, json: bool, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.", returncode=2)
        if not (math.isfinite(time_limit) and time_limit > 0):
            raise CommandError(f"--time-limit must be a positive number of seconds, not {time_limit}.", returncode=2)
        try:
            chosen = parse_weights(weights) if weights else None
            applicants = read_applicants(path)
        except SpreadsheetError as exc:
            raise CommandError(f"{path.name}: {exc}", returncode=2) from None
        except ValueError as exc:
            raise CommandError(f"--weights: {exc}", returncode=2) from None
        try:
            result = match(applicants, partners_min=partners_min, partners_max=partners_max, weights=chosen,
                           time_limit=time_limit)
        except MatchingError as exc:
            raise CommandError(str(exc), returncode=1) from None
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(_json(result) if json else _table(result))


def _json(result: Match) -> str:
    return json.dumps(result.as_dict(), separators=(",", ":"))


def _table(result: Match) -> str:
    """The networks as a table, then the schools left out and the totals."""
    rows = [("Host", "Focus", "Partners", "Score")] + [
        (n.host, n.focus, ", ".join(n.partners), str(n.score)) for n in result.networks]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [f"{h:<{widths[0]}}  {f:<{widths[1]}}  {p:<{widths[2]}}  {s:>5}".rstrip() for h, f, p, s in rows]
    total = result.placed + len(result.unplaced)
    proof = "proved best" if result.optimal else f"the best possible is at most {result.bound:,}"
    lines += ["", f"Unplaced: {', '.join(result.unplaced) if result.unplaced else 'none'}",
              f"{result.placed:,} of {total:,} schools placed in {plural(len(result.networks), 'network')}; score "
              f"{result.score:,} ({proof}); {result.seconds:.1f} s."]
    return "\n".join(lines)
