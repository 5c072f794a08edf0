"""``districtlab runchart FILE.csv [--json] [--rules anhoej|ihi]``."""
from django.core.management.base import CommandError

from districtlab.analysis.runchart import run_chart

from ._chartcommand import ChartCommand


class Command(ChartCommand):
    help = ("Run chart of a data series: median per part and runs signals (Anhøj rules by default, or the IHI "
            "rules). Exit codes: 0 done, 2 bad file.")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--rules", choices=["anhoej", "ihi"], default="anhoej")

    def handle(self, *args, file, json, rules, **options):
        series = self.read(file)
        try:
            parts = run_chart(series.xs, series.ys, series.parts, rules=rules)
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.report(parts, json, "median")
