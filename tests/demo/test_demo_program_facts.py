"""The facts the Learning Partners Program ran on, as seed 004 states them, on NYC's district page."""
from django.contrib.auth import get_user_model

from districtlab.org.models import District, ReferenceTable


def test_scale_reach_and_acceptance(db, demo):
    table = ReferenceTable.objects.get(district__short_name="NYC DOE", title__contains="scale and reach")
    facts = dict(table.rows)
    assert facts["Schools in the program, 2016-17"] == "190, about 10% of the city's over 1,800 schools"
    assert facts["Boroughs taking part"] == "All five"
    assert facts["Community school districts taking part"] == "All 32"
    assert facts["Applicants accepted, 2016-17"] == "62%"
    assert facts["Tagline"] == "The Answer is in the Room"
    assert facts["Years a school may take part"].startswith("Up to 3")


def test_the_four_outcomes_and_the_team_terms_are_on_the_district_page(db, demo, client):
    client.force_login(get_user_model().objects.get(username="nyc.principal"))
    page = client.get(District.objects.get(short_name="NYC DOE").get_absolute_url()).content.decode()
    for outcome in ("Strengthen school capacity to engage in continuous improvement",
                    "Improve school and educator practice and student outcomes",
                    "Establish a system-wide culture of collaboration", "Develop strong school and teacher leaders"):
        assert outcome in page
    assert "holding the respect of colleagues" in page and "At least twice each month" in page
    assert "Participant surveys" in page and "surveys all program participants" in page  # seed 004 ~180
    assert "~3060" not in page  # citations are for researchers
