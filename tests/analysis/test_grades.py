import pytest

from districtlab.analysis.grades import grade_band


@pytest.mark.parametrize("grades,band", [
    ("PK-02", "Elementary"), ("K-5", "Elementary"), ("6-8", "Middle"), ("6-7", "Middle"), ("9-12", "High"),
    ("10-12", "High"), ("PK-8", "K-8"), ("6-11", "Secondary"), ("K-12", "K-12"), ("K-6", "Elementary"), ("ungraded", ""), ("", ""),
])
def test_grade_bands_from_seed_grade_spans(grades, band):
    assert grade_band(grades) == band
