"""The survey, its results, an outcome and the reports ask the same number of queries in a district three times
the size (``tests/query_counts.py``)."""
from districtlab.demo.synthetic import build_evaluation

from ..query_counts import counts, sizes  # noqa: F401  (the fixture)


def evaluation_pages(world):
    survey, outcome = build_evaluation(world)
    year = world.district.current_school_year
    school = world.schools[0]
    network = school.network_memberships.filter(network__school_year=year).get().network
    return {"survey": survey.get_absolute_url(), "results": f"/surveys/{survey.pk}/results/",
            "results by network": f"/surveys/{survey.pk}/results/?by=network", "outcome": outcome.get_absolute_url(),
            "school report": f"/surveys/reports/school/{school.pk}/{year.pk}/",
            "network report": f"/surveys/reports/network/{network.pk}/",
            "program report": f"/surveys/reports/program/{year.pk}/", "reports": f"/surveys/reports/?year={year.pk}"}


def test_evaluation_pages_do_not_grow_with_the_district(sizes):  # noqa: F811
    small, large = (counts(world, evaluation_pages) for world in sizes)
    assert small == large
