"""Facilitators' caseloads: every facilitator within their limits, as many networks supported as can be, then as
many schools in boroughs their facilitator covers; checked against every possible assignment on small cases."""
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from districtlab.analysis.caseload import Facilitator, Group, assign_facilitators

BOROUGHS = ("Bronx", "Queens", "Brooklyn")


def within_limits(result, networks, networks_per, schools_per):
    size = {n.key: n.size for n in networks}
    for f in set(result.assigned.values()):
        mine = [n for n, g in result.assigned.items() if g == f]
        assert len(mine) <= networks_per
        assert sum(size[n] for n in mine) <= schools_per


def test_each_facilitator_keeps_within_networks_and_schools():
    networks = [Group(f"N{i}", ("Bronx",) * 3) for i in range(5)]
    people = [Facilitator("Ana", frozenset({"Bronx"})), Facilitator("Ben", frozenset())]
    result = assign_facilitators(networks, people, networks_per=4, schools_per=6)
    within_limits(result, networks, 4, 6)
    assert len(result.assigned) == 4  # two each: six schools is the limit
    assert len(result.unassigned) == 1
    assert result.optimal


def test_prefers_the_facilitator_who_covers_the_borough():
    networks = [Group("Queens triad", ("Queens",) * 3), Group("Bronx triad", ("Bronx",) * 3)]
    people = [Facilitator("Ana", frozenset({"Bronx"})), Facilitator("Ben", frozenset({"Queens"}))]
    result = assign_facilitators(networks, people, networks_per=1, schools_per=10)
    assert result.assigned == {"Queens triad": "Ben", "Bronx triad": "Ana"}
    assert result.covered == 6


def test_more_networks_supported_before_better_boroughs():
    # Ana could take the Bronx quad (4 covered schools) but then nobody takes the triad: two networks come first.
    networks = [Group("quad", ("Bronx",) * 4), Group("triad", ("Queens",) * 3)]
    people = [Facilitator("Ana", frozenset({"Bronx"})), Facilitator("Ben", frozenset({"Bronx"}))]
    result = assign_facilitators(networks, people, networks_per=1, schools_per=4)
    assert set(result.assigned) == {"quad", "triad"}


def test_a_network_larger_than_any_caseload_goes_unassigned():
    result = assign_facilitators([Group("cohort", ("Bronx",) * 12)], [Facilitator("Ana", frozenset({"Bronx"}))],
                                 networks_per=4, schools_per=10)
    assert result.assigned == {} and result.unassigned == ["cohort"]


def test_no_facilitators_leaves_every_network_unassigned():
    result = assign_facilitators([Group("a", ("Bronx",)), Group("b", ("Queens",))], [], networks_per=3,
                                 schools_per=9)
    assert result.unassigned == ["a", "b"]


@pytest.mark.parametrize("limits, message", [
    ({"networks_per": -1, "schools_per": 3}, "networks_per must be a whole number"),
    ({"networks_per": 2, "schools_per": float("inf")}, "schools_per must be a whole number"),
    ({"networks_per": True, "schools_per": 3}, "networks_per must be a whole number"),
])
def test_bad_limits_say_which(limits, message):
    with pytest.raises(ValueError, match=message):
        assign_facilitators([Group("a", ("Bronx",))], [Facilitator("Ana", frozenset())], **limits)


def test_repeated_keys_are_refused():
    with pytest.raises(ValueError, match="network a is given twice"):
        assign_facilitators([Group("a", ()), Group("a", ())], [], networks_per=1, schools_per=1)
    with pytest.raises(ValueError, match="facilitator Ana is given twice"):
        assign_facilitators([], [Facilitator("Ana", frozenset())] * 2, networks_per=1, schools_per=1)


def best_by_hand(networks, people, networks_per, schools_per):
    """(networks supported, schools covered) of the best of every assignment, tried one by one."""
    best = (0, 0)
    for choice in product([None, *range(len(people))], repeat=len(networks)):
        load = [[0, 0] for _ in people]
        ok, covered = True, 0
        for n, j in zip(networks, choice):
            if j is None:
                continue
            load[j][0] += 1
            load[j][1] += n.size
            covered += sum(b in people[j].boroughs for b in n.boroughs)
        ok = all(a <= networks_per and b <= schools_per for a, b in load)
        if ok:
            best = max(best, (sum(j is not None for j in choice), covered))
    return best


groups = st.lists(st.lists(st.sampled_from(BOROUGHS), min_size=1, max_size=5), min_size=0, max_size=4)
people = st.lists(st.frozensets(st.sampled_from(BOROUGHS)), min_size=0, max_size=3)


@settings(max_examples=40)
@given(groups, people, st.integers(0, 3), st.integers(0, 10))
def test_as_good_as_the_best_assignment_tried_by_hand(boroughs, covered, networks_per, schools_per):
    networks = [Group(f"N{i}", tuple(b)) for i, b in enumerate(boroughs)]
    facilitators = [Facilitator(f"F{j}", c) for j, c in enumerate(covered)]
    result = assign_facilitators(networks, facilitators, networks_per=networks_per, schools_per=schools_per)
    within_limits(result, networks, networks_per, schools_per)
    assert result.optimal
    assert (len(result.assigned), result.covered) == best_by_hand(networks, facilitators, networks_per, schools_per)
    assert sorted([*result.assigned, *result.unassigned]) == sorted(n.key for n in networks)
