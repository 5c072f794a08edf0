"""``districtlab spc FILE.csv --chart i|mr|xbar|s|p|pp|u|up|c|t|g [--json]``."""
from django.core.management.base import CommandError

from districtlab.analysis.spc import CHARTS, control_chart

from ._chartcommand import ChartCommand


class Command(ChartCommand):
    help = ("Control chart of a data series, per part: centre line, 3-sigma limits, points outside them and "
            "runs signals. p/pp/u/up charts need an n column; xbar and s take several rows per x. "
            "Exit codes: 0 done, 2 bad file.")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--chart", choices=CHARTS, default="i")

    def handle(self, *args, file, json, chart, **options):
        series = self.read(file)
        try:
            parts = control_chart(series.xs, series.ys, chart, series.ns, series.parts)
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.report(parts, json, "centre line")
