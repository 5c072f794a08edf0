"""Knowledge flow: who learned from whom, boundary spanners, silos, spread, Little's continuum, sharing, tools."""
import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from districtlab.analysis.knowledge_flow import (
    COLLABORATION_LEVELS,
    DEFAULT_RULE,
    CollaborationRule,
    Link,
    ShareOut,
    ToolUse,
    betweenness,
    boundary_spanners,
    collaboration_type,
    in_period,
    links_frame,
    school_graph,
    sharing_quality,
    silos,
    spread_curve,
    strength,
    tool_alignment,
)

d = dt.date
OCT, NOV, DEC = d(2016, 10, 14), d(2016, 11, 18), d(2016, 12, 9)

# A triad: P.S. 8 hosts P.S. 24 and P.S. 41 twice; P.S. 41 shares out to P.S. 24 once.
TRIAD = [Link("P.S. 8", "P.S. 24", OCT, "site_visit"), Link("P.S. 8", "P.S. 41", OCT, "site_visit"),
         Link("P.S. 8", "P.S. 24", NOV, "site_visit"), Link("P.S. 8", "P.S. 41", NOV, "site_visit"),
         Link("P.S. 41", "P.S. 24", DEC, "share_out")]


def as_frame(links):
    return pd.DataFrame([vars(link) for link in links])


# -- who learned from whom ------------------------------------------------------------------------------------

def test_the_triads_graph_sums_its_links_per_pair():
    graph = school_graph(TRIAD)
    assert graph.to_dict("records") == [
        {"source": "P.S. 8", "target": "P.S. 24", "weight": 2.0, "links": 2, "kinds": ("site_visit",)},
        {"source": "P.S. 8", "target": "P.S. 41", "weight": 2.0, "links": 2, "kinds": ("site_visit",)},
        {"source": "P.S. 41", "target": "P.S. 24", "weight": 1.0, "links": 1, "kinds": ("share_out",)}]


def test_weights_add_up_and_kinds_are_listed_once_in_order():
    links = [("A", "B", OCT, "site_visit", 0.5), ("A", "B", NOV, "coaching", 2), ("A", "B", DEC, "adoption"),
             ("A", "B", DEC, "coaching")]
    [row] = school_graph(links).to_dict("records")
    assert row == {"source": "A", "target": "B", "weight": 4.5, "links": 4,
                   "kinds": ("adoption", "coaching", "site_visit")}


def test_the_triads_strengths_and_degrees_checked_by_hand():
    out = strength(TRIAD, nodes=["P.S. 8", "P.S. 24", "P.S. 41", "P.S. 1"])
    assert out.to_dict("index") == {
        "P.S. 8": {"in_strength": 0.0, "out_strength": 4.0, "in_degree": 0, "out_degree": 2},
        "P.S. 24": {"in_strength": 3.0, "out_strength": 0.0, "in_degree": 2, "out_degree": 0},
        "P.S. 41": {"in_strength": 2.0, "out_strength": 1.0, "in_degree": 1, "out_degree": 1},
        "P.S. 1": {"in_strength": 0.0, "out_strength": 0.0, "in_degree": 0, "out_degree": 0}}
    assert list(strength(TRIAD).index) == ["P.S. 8", "P.S. 24", "P.S. 41"]  # order of first appearance


def test_learning_from_oneself_is_not_a_flow():
    links = TRIAD + [Link("P.S. 8", "P.S. 8", DEC, "share_out", 5)]
    assert len(school_graph(links)) == 3
    assert strength(links).loc["P.S. 8", "out_strength"] == 4.0
    assert strength([("A", "A", OCT, "share_out")]).to_dict("index") == {
        "A": {"in_strength": 0.0, "out_strength": 0.0, "in_degree": 0, "out_degree": 0}}


def test_no_links_is_an_empty_graph():
    assert school_graph([]).empty and list(school_graph([]).columns) == ["source", "target", "weight", "links", "kinds"]
    assert strength([], nodes=["A"]).loc["A"].tolist() == [0, 0, 0, 0]
    assert betweenness([], nodes=["A", "B", "C"]).tolist() == [0.0, 0.0, 0.0]


# -- boundary spanners ------------------------------------------------------------------------------------------

def test_on_a_path_the_middle_school_is_the_one_between():
    path = [("A", "B", OCT, "coaching"), ("B", "C", OCT, "coaching")]
    out = betweenness(path)
    assert out.index[0] == "B" and out.to_dict() == {"B": 0.5, "A": 0.0, "C": 0.0}
    assert betweenness(path, weighted=False).to_dict() == {"B": 0.5, "A": 0.0, "C": 0.0}


def test_a_bridge_between_two_triads_has_the_highest_betweenness():
    # Two triads, each school visiting the others; X visits with both hosts, H1 and H2.
    triads = [("H1", "P1", "P2"), ("H2", "Q1", "Q2")]
    pairs = [(a, b) for triad in triads for a in triad for b in triad if a != b]
    links = [(a, b, OCT, "site_visit") for a, b in pairs + [("H1", "X"), ("X", "H1"), ("X", "H2"), ("H2", "X")]]
    out = betweenness(links, top=3)
    assert list(out.index) == ["X", "H1", "H2"]
    # X is on every path between {P1, P2, H1} and {H2, Q1, Q2}: 18 of the 30 ordered pairs of the six others;
    # H1 on those between {P1, P2} and {X, H2, Q1, Q2}: 16.
    assert out.tolist() == pytest.approx([18 / 30, 16 / 30, 16 / 30])


def test_weights_are_closeness_so_the_well_used_route_carries_the_path():
    # A reaches C through B (one link each way) or through D (four links each way): two hops either way.
    links = [("A", "B", OCT, "share_out"), ("B", "C", OCT, "share_out"),
             ("A", "D", OCT, "site_visit", 4), ("D", "C", OCT, "site_visit", 4)]
    by_hops = betweenness(links, weighted=False)
    assert by_hops["B"] == by_hops["D"] == pytest.approx(0.5 / 6)  # half the A-C paths; 6 ordered pairs of others
    weighted = betweenness(links)
    assert weighted["D"] == pytest.approx(1 / 6) and weighted["B"] == 0


def test_betweenness_sampled_from_every_source_is_exact_and_a_sample_is_an_estimate():
    path = [(f"S{i}", f"S{i + 1}", OCT, "coaching") for i in range(6)]
    exact = betweenness(path)
    pd.testing.assert_series_equal(betweenness(path, sample=7), exact)
    estimate = betweenness(path, sample=3, seed=1)
    assert set(estimate.index) == set(exact.index) and (estimate >= 0).all()
    with pytest.raises(ValueError, match="sample"):
        betweenness(path, sample=0)


def test_people_in_several_teams_or_networks_are_boundary_spanners():
    out = boundary_spanners([("Lea", "Studio"), ("Caryn", "Studio"), ("Lea", "Principals"), ("Lea", "Studio"),
                             ("Sheryl", "Design team"), ("Sheryl", "Studio"), ("Lea", "Design team")])
    assert out.to_dict("records") == [
        {"person": "Lea", "groups": 3, "group_list": ("Studio", "Principals", "Design team")},
        {"person": "Sheryl", "groups": 2, "group_list": ("Design team", "Studio")}]
    assert list(boundary_spanners([("Lea", "Studio"), ("Caryn", "Studio")], min_groups=1)["person"]) == ["Lea", "Caryn"]
    assert boundary_spanners([]).empty
    frame = pd.DataFrame({"person": ["Lea", "Lea"], "group": ["Studio", "Principals"], "role": ["x", "y"]})
    assert boundary_spanners(frame)["group_list"].tolist() == [("Studio", "Principals")]
    with pytest.raises(ValueError, match="memberships row 1: group is missing"):
        boundary_spanners([("Lea", "Studio"), ("Lea", None)])
    with pytest.raises(ValueError, match="memberships row 0: expected"):
        boundary_spanners(["Lea"])
    with pytest.raises(ValueError, match="min_groups"):
        boundary_spanners([], min_groups=0)


# -- silos ------------------------------------------------------------------------------------------------------

def test_a_school_with_no_learning_in_or_out_is_isolated():
    schools = ["P.S. 8", "P.S. 24", "P.S. 41", "P.S. 1"]
    assert silos(schools, TRIAD) == {"no_incoming": ["P.S. 8", "P.S. 1"], "no_outgoing": ["P.S. 24", "P.S. 1"],
                                     "isolated": ["P.S. 1"]}


def test_silos_are_for_the_period_and_self_links_do_not_help():
    schools = ["P.S. 8", "P.S. 24", "P.S. 41"]
    links = TRIAD + [Link("P.S. 24", "P.S. 24", DEC, "share_out")]
    assert silos(schools, links, start=DEC, end=DEC) == {
        "no_incoming": ["P.S. 8", "P.S. 41"], "no_outgoing": ["P.S. 8", "P.S. 24"], "isolated": ["P.S. 8"]}
    assert silos(schools, links, start=d(2017, 1, 1))["isolated"] == schools


def test_a_link_to_a_school_not_listed_still_counts_for_the_listed_end():
    assert silos(["P.S. 8"], [("P.S. 8", "Partner org", OCT, "share_out")]) == {
        "no_incoming": ["P.S. 8"], "no_outgoing": [], "isolated": []}


# -- dates and input ------------------------------------------------------------------------------------------

DATED = [("A", "B", d(2016, 9, 30), "coaching"), ("A", "B", d(2016, 10, 1), "coaching"),
         ("A", "B", d(2016, 10, 31), "coaching"), ("A", "B", d(2016, 11, 1), "coaching")]


def test_both_ends_of_the_period_are_included():
    frame = links_frame(DATED)
    assert in_period(frame, d(2016, 10, 1), d(2016, 10, 31))["date"].tolist() == [
        pd.Timestamp(2016, 10, 1), pd.Timestamp(2016, 10, 31)]
    assert len(in_period(frame, d(2016, 10, 1))) == 3 and len(in_period(frame, end=d(2016, 10, 1))) == 2
    assert len(in_period(frame)) == 4 and in_period(frame, d(2016, 11, 1), d(2016, 10, 1)).empty
    assert school_graph(DATED, start="2016-10-01", end="2016-10-31")["links"].tolist() == [2]
    assert strength(DATED, start=d(2016, 10, 31), end=d(2016, 10, 31)).loc["B", "in_strength"] == 1


def test_a_link_late_on_the_last_day_is_in_the_period():
    frame = pd.DataFrame({"source": ["A", "A"], "target": ["B", "B"], "kind": ["coaching"] * 2,
                          "date": [dt.datetime(2016, 10, 31, 23, 59), dt.datetime(2016, 11, 1, 0, 0)]})
    assert len(in_period(links_frame(frame), end=d(2016, 10, 31))) == 1
    assert len(in_period(frame, end=dt.datetime(2016, 10, 31, 8, 0))) == 1  # bounds are days


def test_a_list_of_links_and_a_dataframe_give_the_same_results():
    frame = as_frame(TRIAD)
    assert frame.columns.tolist() == ["source", "target", "date", "kind", "weight"]
    pd.testing.assert_frame_equal(links_frame(frame), links_frame(TRIAD))
    pd.testing.assert_frame_equal(school_graph(frame), school_graph(TRIAD))
    pd.testing.assert_frame_equal(strength(frame, nodes=["P.S. 1"]), strength(TRIAD, nodes=["P.S. 1"]))
    pd.testing.assert_series_equal(betweenness(frame), betweenness(TRIAD))
    assert silos(["P.S. 1", "P.S. 8"], frame, end=NOV) == silos(["P.S. 1", "P.S. 8"], TRIAD, end=NOV)
    tuples = [(x.source, x.target, x.date, x.kind) for x in TRIAD]
    pd.testing.assert_frame_equal(school_graph(tuples), school_graph(TRIAD))
    # A DataFrame without weights weighs each link 1, its other columns are dropped, and dates may be strings.
    loose = frame.drop(columns="weight").assign(date=frame["date"].astype(str), note="x")
    pd.testing.assert_frame_equal(links_frame(loose), links_frame(TRIAD))


def test_schools_may_be_numbered_rather_than_named():
    out = strength([(8, 24, OCT, "site_visit"), (8, 41, OCT, "site_visit")], nodes=[1])
    assert list(out.index) == [1, 8, 24, 41] and out.loc[8, "out_degree"] == 2


@pytest.mark.parametrize("links, message", [
    ([("A", None, OCT, "coaching")], "links row 0: target is missing"),
    ([("A", "B", OCT, "coaching"), (None, "B", OCT, "coaching")], "links row 1: source is missing"),
    ([("A", "B", "last Tuesday", "coaching")], "links row 0: date is not a date"),
    ([("A", "B", "2016-10-14", "coaching"), ("A", "B", "Oct 14, 2016", "coaching"), ("A", "B", "x", "coaching")],
     "links row 2: date is not a date"),
    ([("A", "B", OCT, "coaching"), ("A", "B", None, "coaching")], "links row 1: date is missing"),
    ([("A", "B", OCT, " ")], "links row 0: kind is empty"),
    ([("A", "B", OCT, None)], "links row 0: kind is missing"),
    ([("A", "B", OCT, "coaching", -1)], "links row 0: weight must be a positive number"),
    ([("A", "B", OCT, "coaching", float("nan"))], "links row 0: weight must be a positive number"),
    ([("A", "B", OCT, "coaching", "heavy")], "links row 0: weight must be a positive number"),
    ([("A", "B", OCT)], r"links row 0: expected a Link or \(source, target, date, kind\[, weight\]\)"),
    (pd.DataFrame({"source": ["A"], "target": ["B"], "date": [OCT]}), "links: no 'kind' column"),
    (pd.DataFrame({"source": ["A", "A"], "target": ["B", "C"], "date": [OCT, OCT], "kind": ["coaching", ""]},
                  index=[10, 11]), "links row 11: kind is empty"),
])
def test_bad_links_are_refused_naming_the_row_and_the_field(links, message):
    with pytest.raises(ValueError, match=message):
        school_graph(links)


def test_a_bad_bound_is_refused():
    with pytest.raises(ValueError, match="start is not a date"):
        school_graph(TRIAD, start="the fall")


# -- spread -----------------------------------------------------------------------------------------------------

def test_a_school_adopting_again_counts_once():
    out = spread_curve([("P.S. 24", d(2016, 11, 2)), ("P.S. 24", d(2016, 11, 20)), ("P.S. 41", d(2016, 12, 5)),
                        ("P.S. 24", d(2017, 1, 9))])
    assert out[["new", "cumulative"]].values.tolist() == [[1, 1], [1, 2], [0, 2]]
    assert out["schools"].tolist() == [("P.S. 24",), ("P.S. 41",), ()]
    assert [str(p) for p in out["period"]] == ["2016-11", "2016-12", "2017-01"]


def test_the_origin_school_counts_from_its_date_or_an_earlier_adoption():
    adoptions = [("P.S. 24", d(2016, 11, 2)), ("P.S. 8", d(2016, 10, 3))]
    out = spread_curve(adoptions, origin=("P.S. 8", d(2016, 12, 1)))
    assert out["schools"].tolist() == [("P.S. 8",), ("P.S. 24",), ()]
    out = spread_curve(adoptions, origin=("P.S. 1", d(2016, 9, 1)), freq="Q", total=4)
    assert [str(p) for p in out["period"]] == ["2016Q3", "2016Q4"]
    assert out["cumulative"].tolist() == [1, 3] and out["share"].tolist() == [0.25, 0.75]


def test_until_extends_the_curve_and_ignores_later_adoptions():
    out = spread_curve([("A", d(2016, 9, 5)), ("B", d(2017, 2, 1))], freq="Q", until=d(2016, 12, 31))
    assert [str(p) for p in out["period"]] == ["2016Q3", "2016Q4"] and out["cumulative"].tolist() == [1, 1]
    out = spread_curve([], until=d(2016, 12, 31))
    assert out["cumulative"].tolist() == [0] and out["schools"].tolist() == [()]
    assert spread_curve([]).empty


def test_spread_takes_a_dataframe_and_refuses_bad_input():
    frame = pd.DataFrame({"school": ["A", "B", "A"], "date": ["2016-09-05", "2016-10-01", "2016-10-02"]})
    pd.testing.assert_frame_equal(spread_curve(frame), spread_curve(list(frame.itertuples(index=False, name=None))))
    with pytest.raises(ValueError, match="adoptions row 1: date is not a date"):
        spread_curve([("A", d(2016, 9, 5)), ("B", "soon")])
    with pytest.raises(ValueError, match="adoptions row 0: school is missing"):
        spread_curve([(None, d(2016, 9, 5))])
    with pytest.raises(ValueError, match="freq 'fortnight'"):
        spread_curve([("A", d(2016, 9, 5))], freq="fortnight")
    with pytest.raises(ValueError, match="origin: expected"):
        spread_curve([], origin="P.S. 8")
    with pytest.raises(ValueError, match="origin: the date is not a date"):
        spread_curve([], origin=("P.S. 8", "soon"))
    with pytest.raises(ValueError, match="total"):
        spread_curve([], total=0)


# -- Little's continuum ---------------------------------------------------------------------------------------

def test_each_network_reaches_the_highest_level_its_interactions_show():
    out = collaboration_type([("Triad 1", "site_visit"), ("Triad 1", "share_out"), ("Triad 2", "coaching"),
                              ("Triad 2", "site_visit"), ("Quad 3", "joint_work"), ("Quad 3", "share_out"),
                              ("Pair 4", "storytelling and scanning")])
    assert out["level"].to_dict() == {"Triad 1": "sharing", "Triad 2": "aid and assistance", "Quad 3": "joint work",
                                      "Pair 4": "storytelling and scanning"}
    assert out.loc["Quad 3", list(COLLABORATION_LEVELS)].tolist() == [0, 0, 1, 1]
    assert out.loc["Quad 3", "rule"] == ("joint work: 1 of 2 interactions at joint work or above "
                                         "(the rule asks for at least 1)")


def test_a_threshold_counts_interactions_at_a_level_or_above():
    interactions = [("Triad 1", "joint_work"), ("Triad 1", "share_out"), ("Triad 1", "site_visit"),
                    ("Triad 2", "joint_work"), ("Triad 2", "joint_work")]
    out = collaboration_type(interactions, rule=CollaborationRule(min_interactions=2))
    assert out["level"].tolist() == ["sharing", "joint work"]  # one joint work is not enough; with sharing it is two
    out = collaboration_type(interactions, rule=CollaborationRule(min_interactions=3))
    assert out["level"].tolist() == ["storytelling and scanning", None]
    assert out.loc["Triad 2", "rule"] == "no level: 2 interactions on the continuum (the rule asks for at least 3)"


def test_a_share_rule_asks_for_a_share_of_the_networks_interactions():
    interactions = [("Triad 1", "joint_work")] + [("Triad 1", "site_visit")] * 3
    out = collaboration_type(interactions, rule=CollaborationRule(min_share=0.5))
    assert out.loc["Triad 1", "level"] == "storytelling and scanning"
    assert "at least 1 and 50%" in out.loc["Triad 1", "rule"]
    assert collaboration_type(interactions, rule=CollaborationRule(min_share=0.25))["level"].tolist() == ["joint work"]


def test_kinds_the_rule_does_not_place_are_counted_not_guessed():
    out = collaboration_type([("Quad 3", "email"), ("Quad 3", "email"), ("Triad 1", "share_out")])
    assert out.loc["Quad 3", "level"] is None and out.loc["Quad 3", "unmapped"] == 2
    assert out.loc["Triad 1", "unmapped"] == 0
    assert collaboration_type([]).empty


def test_the_rule_is_data_a_district_can_change():
    rule = CollaborationRule({"email": "sharing", "retreat": "joint work"})
    out = collaboration_type([("Triad 1", "email"), ("Triad 1", "share_out")], rule=rule)
    assert out.loc["Triad 1", "level"] == "sharing" and out.loc["Triad 1", "unmapped"] == 1
    assert "\nSharing: email. Joint work: retreat. A level's own name counts as that level." in rule.describe()
    assert "Aid and assistance: aid, assistance, coaching." in DEFAULT_RULE.describe()
    assert collaboration_type([("Pair 4", "joint work")], rule=rule)["level"].tolist() == ["joint work"]
    with pytest.raises(ValueError, match="kind 'email' maps to 'chatting'"):
        CollaborationRule({"email": "chatting"})
    with pytest.raises(ValueError, match="min_interactions"):
        CollaborationRule(min_interactions=0)
    with pytest.raises(ValueError, match="min_share"):
        CollaborationRule(min_share=1.5)


def test_interactions_take_a_dataframe_and_refuse_bad_rows():
    rows = [("Triad 1", "share_out"), ("Triad 2", "coaching")]
    pd.testing.assert_frame_equal(collaboration_type(pd.DataFrame(rows, columns=["network", "kind"])),
                                  collaboration_type(rows))
    with pytest.raises(ValueError, match="interactions row 1: kind is missing"):
        collaboration_type([("Triad 1", "share_out"), ("Triad 1", None)])


# -- sharing quality --------------------------------------------------------------------------------------------

def test_share_outs_by_quarter_from_implemented_only_to_evidence_challenges_and_successes():
    out = sharing_quality([
        (d(2013, 10, 2), False, False, False), (d(2013, 11, 6), False, False, False),
        (d(2014, 4, 2), True, True, False), ShareOut(d(2014, 5, 7), evidence=True, challenges=True, successes=True),
        ShareOut(d(2014, 6, 4), True, True, True, school="Desert Grove")])
    assert [str(p) for p in out["period"]] == ["2013Q4", "2014Q1", "2014Q2"]  # the quarter without one is shown
    assert out[["share_outs", "implemented_only", "partial", "full"]].values.tolist() == [
        [2, 2, 0, 0], [0, 0, 0, 0], [3, 0, 1, 2]]
    assert out[["evidence", "challenges", "successes"]].values.tolist() == [[0, 0, 0], [0, 0, 0], [3, 3, 2]]
    assert out["full_share"].iloc[0] == 0 and math.isnan(out["full_share"].iloc[1])
    assert out["full_share"].iloc[2] == pytest.approx(2 / 3)


def test_sharing_quality_by_month_from_a_dataframe_and_bad_flags():
    frame = pd.DataFrame({"date": ["2014-03-05", "2014-03-20"], "evidence": [True, False],
                          "challenges": [True, False], "successes": [True, False]})
    out = sharing_quality(frame, freq="M")
    assert out[["share_outs", "implemented_only", "full"]].values.tolist() == [[2, 1, 1]]
    assert sharing_quality([]).empty
    with pytest.raises(ValueError, match="shareouts row 1: successes must be True or False"):
        sharing_quality([(d(2014, 3, 5), True, True, True), (d(2014, 3, 5), True, True, "yes")])
    with pytest.raises(ValueError, match="shareouts: no 'successes' column"):
        sharing_quality(frame.drop(columns="successes"))


# -- tool alignment ----------------------------------------------------------------------------------------------

FORM = "Behavioral reflection form"


def test_schools_using_the_same_tool_or_a_tweak_of_it_are_aligned():
    out = tool_alignment([FORM, "Grade monitoring", "Growth mindset"], [
        ToolUse("Desert Grove", FORM, "Think It Out"),
        ToolUse("Valley", FORM, "Valley reflection", derived_from="Think It Out"),
        ToolUse("Forest Glen", FORM, "Advisory reflection", derived_from="Valley reflection"),  # two removes
        ToolUse("North", FORM, "Office referral"),
        ("Desert Grove", "Growth mindset", "Day-two mini-lessons"),
        ("Valley", "Growth mindset", "PLC lesson", None),
        ("Forest Glen", "Growth mindset", "PLC lesson", None)])
    assert out.to_dict("index") == {
        FORM: {"tool": "Think It Out", "schools": 4, "same": 1, "derived": 2, "different": 1},
        "Grade monitoring": {"tool": None, "schools": 0, "same": 0, "derived": 0, "different": 0},
        "Growth mindset": {"tool": "PLC lesson", "schools": 3, "same": 2, "derived": 0, "different": 1}}


def test_the_shared_tool_is_the_root_of_the_family_most_schools_use():
    # Two schools use tweaks of the district's form and nobody uses it as it is; one uses its own.
    out = tool_alignment([FORM], [("A", FORM, "A's form", "District form"), ("B", FORM, "B's form", "District form"),
                                  ("C", FORM, "C's form", None)])
    assert out.loc[FORM].to_dict() == {"tool": "District form", "schools": 3, "same": 0, "derived": 2,
                                       "different": 1}


def test_a_school_with_several_tools_counts_once_at_its_best():
    out = tool_alignment([FORM], [("A", FORM, "Think It Out"), ("B", FORM, "Think It Out"),
                                  ("B", FORM, "Office referral"), ("C", FORM, "B's tweak", "Think It Out"),
                                  ("C", FORM, "Office referral")])
    assert out.loc[FORM].to_dict() == {"tool": "Think It Out", "schools": 3, "same": 2, "derived": 1, "different": 0}


def test_the_designs_own_tool_can_be_given():
    uses = [("A", FORM, "Office referral"), ("B", FORM, "Office referral"), ("C", FORM, "C's form", "Think It Out")]
    assert tool_alignment([FORM], uses).loc[FORM, "tool"] == "Office referral"
    out = tool_alignment([FORM], uses, reference={FORM: "Think It Out"})
    assert out.loc[FORM].to_dict() == {"tool": "Think It Out", "schools": 3, "same": 0, "derived": 1, "different": 2}


def test_ties_go_to_the_tool_used_as_it_is_then_the_first_named():
    assert tool_alignment([FORM], [("A", FORM, "T2", "T1"), ("B", FORM, "U1")]).loc[FORM, "tool"] == "U1"
    assert tool_alignment([FORM], [("A", FORM, "T2", "T1"), ("B", FORM, "T1"), ("C", FORM, "U2", "U1"),
                                   ("D", FORM, "U1")]).loc[FORM, "tool"] == "T1"
    assert tool_alignment([FORM], [("A", FORM, "T2", "T1"), ("C", FORM, "U1"), ("D", FORM, "U2", "U1"),
                                   ("E", FORM, "U1")]).loc[FORM, "tool"] == "U1"


def test_tool_alignment_takes_a_dataframe_and_refuses_bad_uses():
    uses = [("A", FORM, "Think It Out", None), ("B", FORM, "Valley reflection", "Think It Out")]
    frame = pd.DataFrame(uses, columns=["school", "element", "tool", "derived_from"])
    pd.testing.assert_frame_equal(tool_alignment([FORM], frame), tool_alignment([FORM], uses))
    underived = [("A", FORM, "Think It Out"), ("B", FORM, "Valley reflection")]
    pd.testing.assert_frame_equal(tool_alignment([FORM], frame.drop(columns="derived_from")),
                                  tool_alignment([FORM], underived))
    with pytest.raises(ValueError, match="uses row 1: element 'Homework' is not one of the core elements"):
        tool_alignment([FORM], [("A", FORM, "T"), ("A", "Homework", "T")])
    with pytest.raises(ValueError, match="uses row 1: derived_from 'U' contradicts an earlier row"):
        tool_alignment([FORM], [("A", FORM, "T2", "T"), ("B", FORM, "T2", "U")])
    with pytest.raises(ValueError, match="uses row 0: derived_from names the tool itself"):
        tool_alignment([FORM], [("A", FORM, "T", "T")])
    with pytest.raises(ValueError, match="in a circle"):
        tool_alignment([FORM], [("A", FORM, "T", "U"), ("B", FORM, "U", "T")])
    with pytest.raises(ValueError, match="uses row 0: tool is missing"):
        tool_alignment([FORM], [("A", FORM, None)])


# -- larger graphs ------------------------------------------------------------------------------------------------

def test_a_few_hundred_schools_and_twenty_thousand_links_add_up():
    """Not a timing test (see bench/knowledge_flow.py): the functions agree with each other at a modest size."""
    rng = np.random.default_rng(6)
    n, m = 300, 20_000
    frame = pd.DataFrame({"source": rng.integers(0, n, m), "target": rng.integers(0, n, m),
                          "date": np.datetime64("2014-09-01") + rng.integers(0, 1000, m).astype("timedelta64[D]"),
                          "kind": rng.choice(["site_visit", "share_out", "coaching", "adoption"], m),
                          "weight": rng.integers(1, 4, m).astype(float)})
    flows = frame.loc[frame["source"] != frame["target"]]
    graph, totals = school_graph(frame), strength(frame, nodes=range(n + 5))
    assert graph["links"].sum() == len(flows) and graph["weight"].sum() == flows["weight"].sum()
    assert totals["in_strength"].sum() == totals["out_strength"].sum() == flows["weight"].sum()
    assert totals["out_degree"].sum() == len(graph) == len(flows.groupby(["source", "target"]))
    assert silos(range(n + 5), frame)["isolated"] == [n, n + 1, n + 2, n + 3, n + 4]
    between = betweenness(frame, nodes=range(n + 5))
    assert len(between) == n + 5 and between.between(0, 1).all() and between.iloc[-5:].eq(0).all()
    year = {"start": d(2015, 9, 1), "end": d(2016, 6, 30)}
    in_year = flows.loc[(flows["date"] >= "2015-09-01") & (flows["date"] <= "2016-06-30")]
    assert school_graph(frame, **year)["links"].sum() == len(in_year)


@given(st.lists(st.tuples(st.sampled_from("ABCDE"), st.sampled_from("ABCDE"), st.dates(d(2016, 1, 1), d(2016, 12, 31)),
                          st.sampled_from(["site_visit", "share_out"]), st.integers(1, 5)), max_size=30),
       st.dates(d(2016, 1, 1), d(2016, 12, 31)), st.integers(0, 200))
def test_strength_sums_the_flows_and_a_period_splits_the_links(links, start, length):
    end = start + dt.timedelta(days=length)
    flows = [x for x in links if x[0] != x[1]]
    out = strength(links, nodes="ABCDE")
    assert out["in_strength"].sum() == out["out_strength"].sum() == sum(x[4] for x in flows)
    assert out["in_degree"].sum() == out["out_degree"].sum() == len({(x[0], x[1]) for x in flows})
    frame = links_frame(links)
    before = in_period(frame, end=start - dt.timedelta(days=1))
    after = in_period(frame, start=end + dt.timedelta(days=1))
    assert len(before) + len(in_period(frame, start, end)) + len(after) == len(links)
    found = silos("ABCDE", links, start=start, end=end)
    inside = [x for x in flows if start <= x[2] <= end]
    assert found["isolated"] == [s for s in "ABCDE" if not any(s in x[:2] for x in inside)]
