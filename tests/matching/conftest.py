"""Fixtures for the program's annual cycle (issue 14): ``cycle`` is the ``world`` with next school year, an open call
for applications to it (two focus areas, two questions, a rubric) and a few applications."""
import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from districtlab.matching import models as mm
from districtlab.org import models as m


@dataclass
class Cycle:
    world: object
    next_year: m.SchoolYear
    call: mm.Call
    lfa2: m.LearningFocusArea
    criteria: list
    schools: dict  # name → School: the world's two and three more applicants
    applications: dict  # school name → Application (submitted; P.S. 7, the principal's, has none)

    def client(self, role):
        return self.world.client(role)


@pytest.fixture
def cycle(world):
    d = world.district
    today = timezone.localdate()
    next_year = m.SchoolYear.objects.create(district=d, name="2017-18", start=dt.date(2017, 9, 1),
                                            end=dt.date(2018, 6, 30))
    lfa2 = m.LearningFocusArea.objects.create(district=d, name="Student discourse",
                                              framework_element="Rigorous instruction")
    call = mm.Call.objects.create(
        district=d, school_year=next_year, title="Learning Partners Program 2017-18",
        opens=today - dt.timedelta(days=10), closes=today + dt.timedelta(days=20),
        questions="Why does your school want to take part?\nWhat would your team share with other schools?",
        introduction="Apply as host or partner.")
    call.focus_areas.set([world.lfa, lfa2])
    criteria = [mm.RubricCriterion.objects.create(call=call, name="Readiness to host", points=4, order=1),
                mm.RubricCriterion.objects.create(call=call, name="Team capacity", points=5, order=2)]
    schools = {"P.S. 7": world.host, "P.S. 8": world.partner}
    for name, band, region in [("P.S. 9", "Elementary", "Bronx"), ("P.S. 10", "High", "Brooklyn"),
                               ("P.S. 11", "Middle", "Queens")]:
        schools[name] = m.School.objects.create(district=d, name=name, grades="K-5", grade_band=band, region=region)
    answers = {q: f"Because {q.lower()}" for q in call.question_list}
    applications = {}
    for name, role, lfa in [("P.S. 8", "partner", world.lfa), ("P.S. 9", "host", lfa2), ("P.S. 10", "either", lfa2),
                            ("P.S. 11", "partner", world.lfa)]:
        applications[name] = mm.Application.objects.create(
            call=call, school=schools[name], role=role, lfa_1=lfa, answers=answers, status="submitted",
            submitted_at=timezone.now(), returning="continue" if name == "P.S. 8" else "")
    return Cycle(world, next_year, call, lfa2, criteria, schools, applications)
