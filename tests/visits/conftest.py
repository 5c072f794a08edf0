"""A network's site visit at the host school, with protocols and an agenda template of the district's own."""
import datetime as dt

import pytest

from districtlab.visits import models as m


@pytest.fixture
def visit(world):
    return m.Meeting.objects.create(
        district=world.district, school_year=world.year, kind="site_visit", title="October site visit",
        date=dt.date(2016, 10, 19), starts_at=dt.time(8, 30), length="full_day", network=world.network,
        host=world.host, lens="How do students explain their thinking to each other?")


@pytest.fixture
def template(world):
    protocols = [m.Protocol.objects.create(district=world.district, name=name, minutes=minutes, steps=steps)
                 for name, minutes, steps in [("Norms review", 10, "Read the norms aloud"),
                                              ("Low-inference observation", 45, "Write what you see and hear"),
                                              ("Glow and grow", 20, "")]]
    t = m.AgendaTemplate.objects.create(district=world.district, name="Monthly site visit", kind="site_visit")
    for i, p in enumerate(protocols):
        m.AgendaTemplateItem.objects.create(template=t, protocol=p, position=i, minutes=p.minutes)
    return t
