"""The organisation part of the demo: the seeds' three districts (NYC DOE, Highline, the SOAR district) and the
research literature every district shares (seeds 002 and 003).

Facts from a seed keep the seed's value and cite it; where the seeds contradict themselves one value is
kept and the conflict becomes a data note; invented fillers are marked ``synthetic``.
"""
from . import highline, literature, nyc, soar


def load(ctx):
    nyc.load(ctx)
    highline.load(ctx)
    soar.load(ctx)
    literature.load(ctx)
