"""A survey of the ``world``: one section with a scale's three agreement statements (the third reverse-coded), a
number, a choice and a written question; open, with the teacher, principal and coach invited."""
from dataclasses import dataclass

import pytest

from districtlab.evaluation import actions
from districtlab.evaluation import models as e

AGREE = "Strongly disagree\nDisagree\nNeither\nAgree\nStrongly agree"


@dataclass
class Surveyed:
    world: object
    survey: e.Survey
    matrix: e.Item
    visits: e.Item
    choice: e.Item
    written: e.Item
    scale: e.Scale

    def link(self, role):
        return e.Invitation.objects.get(survey=self.survey, person=self.world.people[role]).get_absolute_url()


def make_survey(world, *, mode=e.Survey.Mode.CONFIDENTIAL, minimum=3, title="Our year in the network", year=None):
    survey = e.Survey.objects.create(district=world.district, school_year=year or world.year, title=title, mode=mode,
                                     minimum_group=minimum, audience_roles=["teacher", "principal", "coach"])
    section = e.Section.objects.create(survey=survey, number=1, title="Your year")
    matrix = e.Item.objects.create(section=section, number=1, kind="matrix", prompt="How far do you agree?",
                                   options=AGREE, required=True,
                                   statements="We use data.\nWe test small changes.\nWe never look back.")
    visits = e.Item.objects.create(section=section, number=2, kind="number", prompt="How many site visits?")
    choice = e.Item.objects.create(section=section, number=3, kind="multiple", prompt="Which helped?",
                                   options="Visits\nCycles\nCoaching")
    written = e.Item.objects.create(section=section, number=4, kind="long", prompt="What would you change?")
    scale = e.Scale.objects.create(survey=survey, name="Improvement")
    for row in (1, 2, 3):
        e.ScaleItem.objects.create(scale=scale, item=matrix, row=row, reverse=row == 3)
    return Surveyed(world, survey, matrix, visits, choice, written, scale)


@pytest.fixture
def surveyed(world):
    made = make_survey(world)
    actions.open_survey(made.survey)
    actions.invite(made.survey)
    return made
