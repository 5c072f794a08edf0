"""Agreement between coders (``districtlab.analysis.agreement``): Krippendorff's published worked examples at every
level, Cohen's kappa and percent agreement worked by hand, the definitions checked against a literal implementation
on any small matrix, what cannot be computed, and a matrix of 20 coders × 100,000 units."""
import itertools
import math
from collections import Counter, defaultdict

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from districtlab.analysis.agreement import (LEVELS, MAX_VALUES, KrippendorffAlpha, coincidences, cohen_kappa,
                                            krippendorff_alpha, percent_agreement)

# Krippendorff K, *Computing Krippendorff's Alpha-Reliability* (University of Pennsylvania, 2011), section C: four
# observers, twelve units, values 1-5, blank where an observer did not code a unit (the same table is the "C" data of
# DescTools' KrippAlpha example). Unit 12 has a single value, so it is not pairable.
N = None
KRIPPENDORFF = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],  # observer A
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],  # observer B
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],  # observer C
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],  # observer D
]
# The alphas the paper prints, to three decimals.
KRIPPENDORFF_ALPHA = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}
# Its coincidence matrix, × 3, worked by hand: o_cc = Σ_u N_uc(N_uc − 1)/(m_u − 1), o_ck = Σ_u N_uc·N_uk/(m_u − 1).
# o_11 = 3·2/2 (unit 1) + 3·2/3 (unit 8) + 2·1/1 (unit 11) = 7; o_12 = 1/3 (unit 6) + 3·1/3 (unit 8) = 4/3;
# o_22 = 3·2/3 (unit 2) + 4 + 4 (units 5, 9) = 10; o_23 = 3·1/3 (unit 2) + 1/3 (unit 6) = 4/3;
# o_33 = 4 + 4 (units 3, 4); o_44 = 4 (unit 7); o_55 = 3·2/2 (unit 10) = 3; the other pairs only in unit 6
# (1, 2, 3, 4): 1/3 each. Row sums n_c = 9, 13, 10, 5, 3: n.. = 40 pairable values in 11 units.
KRIPPENDORFF_COINCIDENCES_X3 = [[21, 4, 1, 1, 0], [4, 30, 4, 1, 0], [1, 4, 24, 1, 0], [1, 1, 1, 12, 0], [0, 0, 0, 0, 9]]
# The paper's section A: binary data, two observers, ten units, no missing data; alpha 0.095. By hand: 4 units
# disagree (1, 3, 6, 9), so o_01 = o_10 = 4; 5 agree on 0 (o_00 = 10) and 1 on 1 (o_11 = 2); n_0 = 14, n_1 = 6,
# alpha = 1 − (n − 1)·o_01 / (n_0·n_1) = 1 − 19·4/84 = 2/21 = 0.0952.
BINARY = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
          [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]
PRINTED = 0.0005  # three decimals


@pytest.mark.parametrize("level", LEVELS)
def test_krippendorffs_worked_example_at_every_level(level):
    result = krippendorff_alpha(KRIPPENDORFF, level)
    assert result.alpha == pytest.approx(KRIPPENDORFF_ALPHA[level], abs=PRINTED)
    assert (result.units, result.coders, result.pairable_values) == (11, 4, 40)
    assert result.alpha == pytest.approx(1 - result.observed / result.expected)


def test_the_worked_examples_coincidences_and_nominal_alpha_exactly():
    """Nominal alpha from the hand-worked coincidences: 1 − (n − 1)(n − Σ o_cc)/(n² − Σ n_c²)
    = 1 − 39·(40 − 32)/(1600 − 384) = 1 − 312/1216 = 113/152."""
    values, o = coincidences(KRIPPENDORFF)
    assert values == [1, 2, 3, 4, 5]
    assert o * 3 == pytest.approx(np.array(KRIPPENDORFF_COINCIDENCES_X3))
    result = krippendorff_alpha(KRIPPENDORFF)
    assert result.alpha == pytest.approx(113 / 152)
    assert result.observed == pytest.approx(8 / 40) and result.expected == pytest.approx(1216 / (40 * 39))


def test_the_binary_example():
    result = krippendorff_alpha(BINARY)
    assert result.alpha == pytest.approx(2 / 21) and round(result.alpha, 3) == 0.095
    assert (result.units, result.coders, result.pairable_values) == (10, 2, 20)
    assert coincidences(BINARY)[1].tolist() == [[10, 4], [4, 2]]


def test_percent_agreement_counts_pairs_of_values():
    """Worked example: units with 4 values give 6 pairs, with 3 values 3, with 2 values 1: 3 + 8·6 + 3 + 1 = 55 pairs
    (unit 12 none). Equal: units 1, 10, 11 all (3, 3, 1), units 3, 4, 5, 7, 9 all (6 each), unit 2 (2, 2, 3, 2) and
    unit 8 (1, 1, 2, 1) 3 each, unit 6 none: 43 of 55. Binary example: 6 of 10 units agree."""
    assert percent_agreement(KRIPPENDORFF) == pytest.approx(43 / 55)
    assert percent_agreement(BINARY) == pytest.approx(0.6)


def test_cohens_kappa_by_hand():
    """The binary example: pₒ = 6/10; coder 1 says 0 in 8 units and 1 in 2, coder 2 0 in 6 and 1 in 4, so
    pₑ = 0.8·0.6 + 0.2·0.4 = 0.56 and kappa = (0.6 − 0.56)/(1 − 0.56) = 0.04/0.44 = 1/11."""
    assert cohen_kappa(*BINARY) == pytest.approx(1 / 11)


def test_cohens_kappa_2x2_table():
    """50 proposals read by two people: both yes 20, A yes and B no 5, A no and B yes 10, both no 15.
    pₒ = (20 + 15)/50 = 0.7; A says yes 25/50 = 0.5, B 30/50 = 0.6, so pₑ = 0.5·0.6 + 0.5·0.4 = 0.5 and
    kappa = (0.7 − 0.5)/(1 − 0.5) = 0.4."""
    cells = {("yes", "yes"): 20, ("yes", "no"): 5, ("no", "yes"): 10, ("no", "no"): 15}
    a, b = zip(*(pair for pair, count in cells.items() for _ in range(count)))
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_cohens_kappa_three_categories_and_missing_units():
    """Seven units, the last two missing for one coder: five shared units with pairs (x,x) (x,y) (y,y) (z,z) (z,x).
    pₒ = 3/5; coder 1: x 2/5, y 1/5, z 2/5; coder 2: x 2/5, y 2/5, z 1/5; pₑ = (4 + 2 + 2)/25 = 8/25;
    kappa = (15/25 − 8/25)/(17/25) = 7/17."""
    a = ["x", "x", "y", "z", "z", None, "y"]
    b = ["x", "y", "y", "z", "x", "x", float("nan")]
    assert cohen_kappa(a, b) == pytest.approx(7 / 17)


def literal_alpha(matrix, level):
    """Krippendorff's definitions written out pair by pair (the module's ``_coincidences`` avoids exactly this)."""
    units = [[v for v in column if v is not None] for column in zip(*matrix)]
    units = [u for u in units if len(u) >= 2]
    o = defaultdict(float)
    for u in units:
        for (i, c), (j, k) in itertools.product(enumerate(u), repeat=2):
            if i != j:
                o[c, k] += 1 / (len(u) - 1)
    n_c = Counter(v for u in units for v in u)
    n = sum(n_c.values())

    def delta2(c, k):
        if level == "nominal":
            return float(c != k)
        if level == "ordinal":
            low, high = sorted((c, k))
            return (sum(n_c[g] for g in n_c if low <= g <= high) - (n_c[c] + n_c[k]) / 2) ** 2
        if level == "interval":
            return (c - k) ** 2
        return ((c - k) / (c + k)) ** 2 if c + k else 0.0

    expected = sum(n_c[c] * n_c[k] * delta2(c, k) for c in n_c for k in n_c)
    return 1 - (n - 1) * sum(w * delta2(c, k) for (c, k), w in o.items()) / expected


def literal_percent(matrix):
    pairs = [a == b for column in zip(*matrix) for a, b in itertools.combinations([v for v in column if v is not None],
                                                                                    2)]
    return sum(pairs) / len(pairs)


matrices = st.integers(2, 6).flatmap(lambda coders: st.integers(1, 9).flatmap(lambda units: st.lists(
    st.lists(st.one_of(st.none(), st.integers(0, 6)), min_size=units, max_size=units),
    min_size=coders, max_size=coders)))


@given(matrices, st.sampled_from(LEVELS))
def test_alpha_is_krippendorffs_definition_on_any_matrix(matrix, level):
    try:
        result = krippendorff_alpha(matrix, level)
    except ValueError as error:  # no pairable values, or every pairable value the same
        assert "no unit coded by two" in str(error) or "undefined" in str(error)
        return
    assert result.alpha == pytest.approx(literal_alpha(matrix, level), rel=1e-9, abs=1e-12)
    assert result.pairable_values == sum(sum(v is not None for v in column) for column in zip(*matrix)
                                         if sum(v is not None for v in column) >= 2)


@given(matrices)
def test_percent_agreement_and_kappa_are_their_definitions(matrix):
    assume(any(sum(v is not None for v in column) >= 2 for column in zip(*matrix)))
    assert percent_agreement(matrix) == pytest.approx(literal_percent(matrix))
    shared = [(a, b) for a, b in zip(*matrix[:2]) if a is not None and b is not None]
    assume(shared)
    p_o = sum(a == b for a, b in shared) / len(shared)
    first, second = Counter(a for a, _ in shared), Counter(b for _, b in shared)
    p_e = sum(first[c] * second[c] for c in first) / len(shared) ** 2
    assume(p_e < 1)
    assert cohen_kappa(*matrix[:2]) == pytest.approx((p_o - p_e) / (1 - p_e))


def test_a_unit_with_a_single_value_is_left_out():
    without_unit_12 = [row[:11] for row in KRIPPENDORFF]
    with_a_lone_value = [row + [9 if i == 0 else None] for i, row in enumerate(KRIPPENDORFF)]
    for level in LEVELS:  # a lone 9 would change the ordinal ranks and the interval spread if it counted
        assert krippendorff_alpha(with_a_lone_value, level) == krippendorff_alpha(without_unit_12, level)
    assert percent_agreement(with_a_lone_value) == percent_agreement(without_unit_12)


def test_nan_is_missing_like_none():
    with_nan = np.array([[np.nan if v is None else v for v in row] for row in KRIPPENDORFF], dtype=float)
    for level in LEVELS:
        assert krippendorff_alpha(with_nan, level) == krippendorff_alpha(KRIPPENDORFF, level)
    mixed = [[float("nan") if v is None and i % 2 else v for v in row] for i, row in enumerate(KRIPPENDORFF)]
    assert krippendorff_alpha(mixed, "ordinal").alpha == pytest.approx(KRIPPENDORFF_ALPHA["ordinal"], abs=PRINTED)
    assert percent_agreement(with_nan) == pytest.approx(43 / 55)


def test_nominal_categories_can_be_text():
    words = {1: "praise", 2: "question", 3: "direction", 4: "feedback", 5: "other"}
    as_words = [[None if v is None else words[v] for v in row] for row in KRIPPENDORFF]
    result = krippendorff_alpha(as_words)
    assert result.alpha == pytest.approx(113 / 152) and result.pairable_values == 40
    assert percent_agreement(as_words) == pytest.approx(43 / 55)
    assert cohen_kappa(*[["no" if v == 0 else "yes" for v in row] for row in BINARY]) == pytest.approx(1 / 11)


@pytest.mark.parametrize("level", ["ordinal", "interval", "ratio"])
def test_text_at_a_level_that_needs_numbers_is_refused(level):
    with pytest.raises(ValueError, match=f"The {level} level needs numbers, and coder 2's value for unit 3 is "
                                         "'agree': use the nominal level"):
        krippendorff_alpha([[1, 2, 3], [1, None, "agree"]], level)
    with pytest.raises(ValueError, match="coder 1's value for unit 1 is True"):
        krippendorff_alpha([[True, None], [1, 2]], level)


def test_values_a_level_cannot_take():
    with pytest.raises(ValueError, match=r"Coder 2's value for unit 1, inf, is not finite\."):
        krippendorff_alpha([[1, 2], [math.inf, 2]], "interval")
    with pytest.raises(ValueError, match="Coder 1's value for unit 2, -1, is below 0, and ratio values start at 0"):
        krippendorff_alpha([[1, -1], [1, 2]], "ratio")
    assert krippendorff_alpha([[0, 0, 2], [0, 1, 2]], "ratio").alpha == pytest.approx(
        literal_alpha([[0, 0, 2], [0, 1, 2]], "ratio"))  # 0 and 0 do not differ (0/0 taken as 0)
    with pytest.raises(ValueError, match='Unknown level of measurement "metric": use one of nominal, ordinal'):
        krippendorff_alpha(KRIPPENDORFF, "metric")
    with pytest.raises(ValueError, match="The data are not a table"):
        krippendorff_alpha([[1, 2, 3], [1, 2]])
    with pytest.raises(ValueError, match="The data are not a table"):
        krippendorff_alpha([1, 2, 3])


def test_too_many_distinct_values():
    spread = [[v / 10 for v in range(MAX_VALUES + 1)]] * 2
    with pytest.raises(ValueError, match=f"{MAX_VALUES + 1:,} different values; agreement is computed for at most "):
        krippendorff_alpha(spread, "interval")
    assert krippendorff_alpha([row[:MAX_VALUES] for row in spread], "interval").alpha == 1


@pytest.mark.parametrize("matrix,coders", [([[None, None, None], [None, None, None]], "are 2 coders"),
                                           ([[1, 2, 3]], "is 1 coder"),
                                           ([[1, None, 3], [None, 2, None]], "are 2 coders"),
                                           ([], "are 0 coders")])
def test_no_pairable_values(matrix, coders):
    for compute in (krippendorff_alpha, percent_agreement):
        with pytest.raises(ValueError, match=f"at least one unit with values from two coders; there {coders} and no "
                                             "unit coded by two of them"):
            compute(matrix)


@pytest.mark.parametrize("level", LEVELS)
def test_every_value_the_same_leaves_alpha_undefined(level):
    with pytest.raises(ValueError, match=r"Every value in the units compared is the same \(4 values in 2 units\).*"
                                         r"undefined \(0/0\)"):
        krippendorff_alpha([[3, 3, None, 7], [3, 3, 3, None]], level)
    assert percent_agreement([[3, 3, None, 7], [3, 3, 3, None]]) == 1


def test_kappa_that_cannot_be_computed():
    with pytest.raises(ValueError, match="The two coders have 3 values and 2"):
        cohen_kappa([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match="at least 1 unit both coders coded; there are none"):
        cohen_kappa([1, None, 3], [None, 2, None])
    with pytest.raises(ValueError, match=r"Both coders gave all 2 shared units the same category.*undefined"):
        cohen_kappa(["a", "a", "b"], ["a", "a", None])


def test_20_coders_and_100000_units():
    """Each coder copies a unit's true value (1-5, evenly spread) with chance p = 0.8 and otherwise gives any value at
    random, and skips a tenth of the units. Two coders then agree with chance a² + 4b² (a = p + (1 − p)/5 = 0.84,
    b = (1 − p)/5 = 0.04), 0.712, against 1/5 by chance, so nominal alpha tends to (0.712 − 0.2)/0.8 = 0.64 = p²;
    the covariance of two coders' values is p² times their variance, so interval alpha (and ordinal, the values being
    equally spread) tends to p² too. Coders giving values at random have alpha near 0."""
    rng = np.random.default_rng(16)
    truth = rng.integers(1, 6, size=100_000)
    coded = np.where(rng.random((20, 100_000)) < 0.8, truth, rng.integers(1, 6, size=(20, 100_000))).astype(float)
    coded[rng.random(coded.shape) < 0.1] = np.nan
    for level in ("nominal", "ordinal", "interval"):
        result = krippendorff_alpha(coded, level)
        assert result.alpha == pytest.approx(0.64, abs=0.005)
        assert (result.units, result.coders) == (100_000, 20)
        assert result.pairable_values == np.count_nonzero(~np.isnan(coded))
    assert percent_agreement(coded) == pytest.approx(0.712, abs=0.005)
    at_random = rng.integers(1, 6, size=(20, 100_000))
    assert isinstance(krippendorff_alpha(at_random, "ratio"), KrippendorffAlpha)
    assert abs(krippendorff_alpha(at_random).alpha) < 0.005
