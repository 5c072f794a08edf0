"""The research literature's facts (seeds 002 and 003), shared by every district: what every sign-in gets back."""
import pytest

from districtlab.demo.loader import DemoContext
from districtlab.org.demo import literature

from .test_demo_true_to_the_seeds import api_list, signed_in

READERS = ["nyc.teacher", "nyc.researcher", "nyc.partner", "highline.teacher", "soar.partner", "soar.admin"]


def library_tables(username):
    return {t["title"]: t for t in api_list(signed_in(username), "/api/reference-tables/") if t["district"] is None}


def library_notes(username):
    return {n["subject"]: n for n in api_list(signed_in(username), "/api/data-notes/") if n["district"] is None}


@pytest.mark.parametrize("username", READERS)
def test_every_district_reads_the_same_library(db, demo, username):
    tables = library_tables(username)
    assert set(tables) == {t.title for t in literature.TABLES}
    assert tables["Leading for Learning: five areas of action"]["rows"][0] == [
        "Establishing a focus on learning",
        "Persistently and publicly focusing their own attention and that of others on learning and teaching"]
    assert "Average tenure of urban superintendents" in library_notes(username)
    page = signed_in(username).get("/research/").content.decode()
    assert "Leading for Learning: three external environments" in page and "Larger policy environments" in page


def test_three_problem_spaces_with_the_seeds_questions(db, demo):
    table = library_tables("nyc.teacher")["Districts as learning systems: three problem spaces"]
    assert [r[0] for r in table["rows"]] == ["Evidence-based practice", "External partnerships", "Leadership churn"]
    assert table["rows"][1][1] == ("How can a district establish and manage external partnerships to promote system "
                                   "learning?")  # seed 002 ~78
    assert table["rows"][2][2] == "Sustaining System Learning Amidst Leadership Churn"  # ~388


def test_kinds_of_partner_focus_with_the_seeds_examples(db, demo):
    rows = dict(map(tuple, library_tables("highline.partner")[
        "Districts as learning systems: what external partners focus on"]["rows"]))
    assert rows["Instruction"] == "Institute for Learning"  # seed 002 ~307
    assert rows["Leveraging data and inquiry"].startswith("Scaffolded Apprentice Model;")
    assert rows["Central office redesign"] == "Annenberg Institute for School Reform"
    assert "outside staffing" in rows["Resources and expertise according to districts' expressed needs"]


def test_leading_for_learnings_agendas_values_and_environments(db, demo):
    tables = library_tables("soar.teacher")
    agendas = tables["Leading for Learning: three learning agendas"]["rows"]
    assert [r[0] for r in agendas] == ["Student learning", "Professional learning", "System learning"]  # 003 ~260
    values = dict(map(tuple, tables["Leading for Learning: core values and norms about learning"]["rows"]))
    assert list(values) == ["Ambitious standards for student learning", "Belief in human capacity",
                            "Commitment to equity", "Belief in professional support and responsibility",
                            "Commitment to inquiry"]  # 003 ~532-563
    assert values["Commitment to equity"].startswith("Achievement gaps among students who differ by class, race")
    environments = [r[0] for r in tables["Leading for Learning: three external environments"]["rows"]]
    assert environments == ["Family and community environments", "Professional environments",
                            "Larger policy environments"]  # 003 ~745-750
    areas = [r[0] for r in tables["Leading for Learning: five areas of action"]["rows"]]
    assert areas[3:] == ["Acting strategically and sharing leadership", "Creating coherence"]  # 003 ~344-354


def test_superintendent_tenure_is_a_conflict_keeping_the_introductions_figure(db, demo):
    note = library_notes("nyc.researcher")["Average tenure of urban superintendents"]
    assert (note["kind"], note["kept"], note["other"]) == ("conflict", "two and a half years",
                                                           "2.5-4 years (Datnow et al., 2002)")
    assert "seeds/002_" in note["sources"] and "~79" in note["sources"] and "~394" in note["sources"]


def test_sources_are_for_researchers_only_on_the_research_page(db, demo):
    cited = "seeds/003_1dc695f5978cbc99.txt ~329-354"  # the five areas of action's citation
    researchers = signed_in("nyc.researcher").get("/research/").content.decode()
    assert cited in researchers and "~79; ~394" in researchers  # the tenure note's lines
    teachers = signed_in("nyc.teacher").get("/research/").content.decode()
    assert "seeds/" not in teachers and "~394" not in teachers
    assert "2.5-4 years (Datnow et al., 2002)" in teachers  # the note itself, in words
    assert "~394" in signed_in("nyc.teacher").get("/data-notes/?district=null").content.decode()  # cited there


def test_loading_the_library_again_changes_nothing(db, demo):
    before = library_tables("nyc.admin"), library_notes("nyc.admin")
    literature.load(DemoContext())
    assert (library_tables("nyc.admin"), library_notes("nyc.admin")) == before
