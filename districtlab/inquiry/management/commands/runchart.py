"""``districtlab runchart FILE.csv [--json [--indent N]] [--rules anhoej|ihi]``."""
from districtlab.analysis.runchart import run_chart

from ._chartcommand import ChartCommand


class Command(ChartCommand):
    help = ("Run chart of a data series: median per part and runs signals (Anhøj rules by default, or the IHI "
            "rules). Files of any size are read part by part. Exit codes: 0 done, 2 bad file.")
    centre_name = "median"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--rules", choices=["anhoej", "ihi"], default="anhoej")

    def analyse(self, series, options):
        return run_chart(series.xs, series.ys, series.parts, rules=options["rules"])
