"""``districtlab spc FILE.csv --chart i|mr|xbar|s|p|pp|u|up|c|t|g [--json [--indent N]]``."""
from districtlab.analysis.spc import CHARTS, control_chart

from ._chartcommand import ChartCommand


class Command(ChartCommand):
    help = ("Control chart of a data series, per part: centre line, 3-sigma limits, points outside them and "
            "runs signals. p/pp/u/up charts need an n column; xbar and s take several rows per x. "
            "Files of any size are read part by part. Exit codes: 0 done, 2 bad file.")
    centre_name = "centre line"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--chart", choices=CHARTS, default="i")

    def analyse(self, series, options):
        return control_chart(series.xs, series.ys, options["chart"], series.ns, series.parts)
