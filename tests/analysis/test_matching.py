"""Matching applicants into networks: the optimiser against every possible matching of small instances, the
lexicographic objective (placements before score), the hard constraints, and the score's explanation."""
import random
from itertools import combinations, product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from districtlab.analysis.matching import (DEFAULT_WEIGHTS, Applicant, MatchingError, check_weights, fit, match)

FOCUS = ["Literacy", "Math", "Teacher teams"]


def app(school, role, lfas, grade="Elementary", borough="Bronx"):
    return Applicant(school, role, grade, borough, tuple(lfas))


def every_matching(applicants, lo, hi, avoid=(), together=(), pinned=None):
    """Every valid matching, as {host: [partners]}: hosts chosen, then each other school a partner of one or none."""
    pinned = pinned or {}
    hosting = [a for a in applicants if a.role in ("host", "either")]
    for k in range(len(hosting) + 1):
        for hosts in combinations(hosting, k):
            names = {h.school for h in hosts}
            rest = [a for a in applicants if a.school not in names and a.role in ("partner", "either")]
            for choice in product([None, *names], repeat=len(rest)):
                networks = {h: [] for h in names}
                for a, h in zip(rest, choice):
                    if h:
                        networks[h].append(a.school)
                if not all(lo <= len(ps) <= hi for ps in networks.values()):
                    continue
                where = {h: h for h in networks} | {p: h for h, ps in networks.items() for p in ps}
                if any(a in where and where.get(a) == where.get(b) for a, b in avoid):
                    continue
                if any(len({where.get(s) for s in group}) > 1 or None in {where.get(s) for s in group}
                       for group in together):
                    continue
                if any(where.get(s) != h for s, h in pinned.items()):
                    continue
                yield networks


def best(applicants, lo=2, hi=3, weights=DEFAULT_WEIGHTS, **constraints):
    """The brute force's (placed, score), the lexicographic maximum over every matching."""
    by = {a.school: a for a in applicants}
    return max(((len(n) + sum(map(len, n.values())),
                 sum(fit(by[h], by[p], weights).score for h, ps in n.items() for p in ps))
                for n in every_matching(applicants, lo, hi, **constraints)), default=(0, 0))


applicant_lists = st.lists(
    st.tuples(st.sampled_from(["host", "partner", "either"]), st.lists(st.sampled_from(FOCUS), min_size=1,
              max_size=3, unique=True), st.sampled_from(["Elementary", "Middle"]),
              st.sampled_from(["Bronx", "Queens"])),
    min_size=1, max_size=7,
).map(lambda rows: [Applicant(f"School {i}", role, grade, borough, tuple(lfas))
                    for i, (role, lfas, grade, borough) in enumerate(rows)])


@settings(deadline=None, max_examples=40)
@given(applicants=applicant_lists, sizes=st.sampled_from([(2, 3), (1, 2), (1, 3), (2, 2), (0, 2)]),
       weights=st.sampled_from([DEFAULT_WEIGHTS, {"lfa": 1, "grade": 5, "borough": 0}]))
def test_the_optimiser_finds_what_trying_every_matching_finds(applicants, sizes, weights):
    lo, hi = sizes
    result = match(applicants, partners_min=lo, partners_max=hi, weights=weights, gap=0)
    assert (result.placed, result.score) == best(applicants, lo, hi, weights)
    assert result.optimal and result.bound == result.score
    for network in result.networks:
        assert lo <= len(network.partners) <= hi
    placed = [n.host for n in result.networks] + [p for n in result.networks for p in n.partners]
    assert len(placed) == len(set(placed)) == result.placed
    assert sorted(placed + result.unplaced) == sorted(a.school for a in applicants)


@settings(deadline=None, max_examples=25)
@given(applicants=applicant_lists.filter(lambda a: len(a) >= 4), data=st.data())
def test_the_hard_constraints_are_kept_and_cost_no_more_than_they_must(applicants, data):
    names = [a.school for a in applicants]
    avoid = [tuple(data.draw(st.lists(st.sampled_from(names), min_size=2, max_size=2, unique=True)))]
    together = [tuple(data.draw(st.lists(st.sampled_from(names), min_size=2, max_size=2, unique=True)))]
    expected = best(applicants, avoid=avoid, together=together) if any(
        True for _ in every_matching(applicants, 2, 3, avoid=avoid, together=together)) else None
    if expected is None:
        with pytest.raises(MatchingError, match="No matching keeps every constraint"):
            match(applicants, avoid=avoid, want=together)
        return
    result = match(applicants, avoid=avoid, keep_together=together, gap=0)
    assert (result.placed, result.score) == expected and result.optimal
    where = {n.host: n.host for n in result.networks} | {p: n.host for n in result.networks for p in n.partners}
    a, b = avoid[0]
    assert where.get(a) is None or where.get(a) != where.get(b)
    assert where[together[0][0]] == where[together[0][1]]


def test_placing_a_school_comes_before_a_higher_score():
    """Two hosts, five partners: P.S. 9's network would score far more with all three literacy partners, but
    then P.S. 2 could not host (it needs two partners), and placing every school comes first."""
    schools = [app("P.S. 1", "host", ["Literacy"]), app("P.S. 2", "host", ["Math"], "High", "Queens"),
               *(app(f"P.S. {n}", "partner", ["Literacy"]) for n in (3, 4, 5)),
               app("P.S. 6", "partner", ["Art"], "Middle", "Brooklyn")]
    result = match(schools, gap=0)
    assert result.placed == 6 and result.unplaced == [] and result.optimal
    assert result.score == best(schools)[1] < 3 * 34  # all three literacy partners with P.S. 1 would score 102
    assert {n.host: len(n.partners) for n in result.networks} == {"P.S. 1": 2, "P.S. 2": 2}


def test_pinned_schools_stay_where_the_director_put_them():
    schools = [app("P.S. 1", "host", ["Literacy"]), app("P.S. 2", "either", ["Math"]),
               app("P.S. 3", "partner", ["Literacy"]), app("P.S. 4", "partner", ["Literacy"]),
               app("P.S. 5", "partner", ["Math"]), app("P.S. 6", "partner", ["Math"])]
    free = match(schools, gap=0)
    assert {n.host: sorted(n.partners) for n in free.networks} == {"P.S. 1": ["P.S. 3", "P.S. 4"],
                                                                   "P.S. 2": ["P.S. 5", "P.S. 6"]}
    pinned = match(schools, pinned={"P.S. 3": "P.S. 2", "P.S. 1": "P.S. 1"}, gap=0)
    network = {n.host: sorted(n.partners) for n in pinned.networks}
    assert "P.S. 3" in network["P.S. 2"] and "P.S. 1" in network
    assert (pinned.placed, pinned.score) == best(schools, pinned={"P.S. 3": "P.S. 2", "P.S. 1": "P.S. 1"})


def test_every_score_is_explained_part_by_part():
    host = app("P.S. 1", "host", ["Literacy"], "Elementary", "Bronx")
    partners = [app("P.S. 2", "partner", ["Math", "Literacy"], "Elementary", "Queens"),
                app("P.S. 3", "partner", ["Art", "Math", "Literacy"], "High", "Bronx")]
    network, = match([host, *partners], weights={"lfa": 10, "grade": 3, "borough": 1}).networks
    assert network.focus == "Literacy"
    assert network.as_dict()["parts"] == [
        {"partner": "P.S. 2", "lfa": 20, "grade": 3, "borough": 0, "score": 23},
        {"partner": "P.S. 3", "lfa": 10, "grade": 0, "borough": 1, "score": 11}]
    assert network.score == 34


def test_a_larger_instance_is_solved_to_a_proved_optimum_by_default():
    schools = [app(f"School {i:02d}", ["host", "partner", "partner", "either"][i % 4],
                   [FOCUS[i % 3], FOCUS[(i + 1) % 3]], ["Elementary", "Middle"][i % 2], ["Bronx", "Queens"][i % 5 % 2])
               for i in range(30)]
    result = match(schools, gap=0)
    assert result.optimal and result.bound == result.score and result.placed == 30


@pytest.mark.parametrize("kwargs,message", [
    ({"partners_min": 4, "partners_max": 3}, "the fewest \\(4\\) must be at least 0 and no more than the most \\(3\\)"),
    ({"weights": {"size": 1}}, '"size" is not a weight'),
    ({"weights": {"lfa": -1}}, "whole number from 0 to 1,000"),
    ({"weights": {"lfa": 2.5}}, "whole number"),
    ({"time_limit": float("inf")}, "positive number of seconds"),
    ({"want": [("P.S. 1", "P.S. 99")]}, "Not among the applicants: P.S. 99"),
    ({"pinned": {"P.S. 1": "P.S. 2"}}, "does not apply to host"),
])
def test_inconsistent_input_is_refused_with_a_reason(kwargs, message):
    with pytest.raises(ValueError, match=message):
        match([app("P.S. 1", "host", ["Literacy"]), app("P.S. 2", "partner", ["Literacy"])], **kwargs)


def test_no_applicants_no_networks():
    result = match([])
    assert (result.networks, result.unplaced, result.placed, result.score, result.optimal) == ([], [], 0, 0, True)


def test_weights_not_given_keep_their_defaults():
    assert check_weights({"borough": 0}) == {"lfa": 10, "grade": 3, "borough": 0}


@pytest.mark.parametrize("constraints,why", [
    ({"want": [("P.S. 1", "P.S. 2")]}, "P.S. 1 and P.S. 2 must share a network but both apply only to host."),
    ({"keep_together": [("P.S. 1", "P.S. 3")], "avoid": [("P.S. 3", "P.S. 1")]},
     "P.S. 3 and P.S. 1 must share a network and must not."),
    ({"keep_together": [("P.S. 1", "P.S. 3", "P.S. 4")], "pinned": {"P.S. 4": "P.S. 2"}},
     "P.S. 1, P.S. 3, P.S. 4 must share a network but are pinned to different hosts."),
    ({"want": [("P.S. 3", "P.S. 1")], "pinned": {"P.S. 3": "P.S. 2"}},
     "P.S. 1, P.S. 3 must share a network but are pinned to different hosts."),
    ({"avoid": [("P.S. 3", "P.S. 4")], "pinned": {"P.S. 3": "P.S. 1", "P.S. 4": "P.S. 1"}},  # found by the solver
     "check the schools that must or must not work together and those pinned."),
])
def test_constraints_no_matching_can_keep_are_refused_in_words(constraints, why):
    schools = [app("P.S. 1", "host", ["Literacy"]), app("P.S. 2", "host", ["Math"]),
               app("P.S. 3", "partner", ["Literacy"]), app("P.S. 4", "partner", ["Math"])]
    with pytest.raises(MatchingError) as caught:
        match(schools, partners_min=1, **constraints)
    assert str(caught.value) == f"No matching keeps every constraint: {why}"


def many(n, seed):
    """``n`` applications, the same for the same seed: 8 focus areas, 3 grade bands, 3 boroughs."""
    rng = random.Random(seed)
    areas = [f"Area {i}" for i in range(8)]
    return [Applicant(f"School {i:03d}", rng.choice(["host", "partner", "partner", "either"]),
                      rng.choice(["Elementary", "Middle", "High"]), rng.choice(["Bronx", "Queens", "Brooklyn"]),
                      tuple(rng.sample(areas, rng.randint(1, 3)))) for i in range(n)]


@pytest.mark.parametrize("seed,sizes", [(1, (2, 3)), (2, (1, 4)), (3, (3, 3))])
def test_hundreds_of_applicants_form_valid_networks_close_to_the_bound(seed, sizes):
    """Hosts alike are grouped and partners pooled: the networks read back from them keep every rule."""
    schools = many(300, seed)
    by = {a.school: a for a in schools}
    lo, hi = sizes
    result = match(schools, partners_min=lo, partners_max=hi)
    placed = [n.host for n in result.networks] + [p for n in result.networks for p in n.partners]
    assert len(placed) == len(set(placed)) == result.placed == 300 - len(result.unplaced)
    for network in result.networks:
        assert by[network.host].role in ("host", "either") and network.focus == by[network.host].lfas[0]
        assert lo <= len(network.partners) <= hi
        assert all(by[p].role in ("partner", "either") for p in network.partners)
        assert network.fits == tuple(fit(by[network.host], by[p], DEFAULT_WEIGHTS) for p in network.partners)
    assert result.score >= result.bound * (1 - 0.005)
    assert match(schools, partners_min=lo, partners_max=hi).as_dict() | {"seconds": 0} == \
        result.as_dict() | {"seconds": 0}  # the same input, the same networks
