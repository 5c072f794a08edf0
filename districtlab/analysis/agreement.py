"""Agreement between coders: percent agreement, Cohen's kappa and Krippendorff's alpha of a reliability data matrix.

Data are a *reliability data matrix*: one row per coder, one column per unit (a passage, a document, an answer), each
cell the value that coder gave that unit; ``None`` or NaN where the coder did not code it. The rules:

- *Pairable values.* Only units with values from at least two coders can show agreement or disagreement; a unit with
  one value (or none) is left out of everything, and ``n`` (Krippendorff's n..) counts the values in the others.
- *Percent agreement*: of all pairs of values two different coders gave the same unit (a unit with m values has
  m(m−1)/2 pairs), the share that are equal; every pair counts once, so a unit coded by more coders weighs more.
- *Cohen's kappa* (Cohen 1960), two coders, nominal categories, the units both coded: ``(pₒ − pₑ) / (1 − pₑ)``, pₒ
  the share of units they put in the same category, pₑ the chance of that from each coder's own shares of the
  categories, ``Σ_c p_A(c)·p_B(c)``.
- *Krippendorff's alpha* (Krippendorff 2011), any number of coders, missing values allowed: ``1 − Dₒ/Dₑ`` through the
  *coincidence matrix* ``o_ck = Σ_u Σ_{i≠j} [v_iu = c][v_ju = k] / (m_u − 1)`` over ordered pairs of coders i, j who
  both coded unit u (m_u values), whose row sums ``n_c`` count value c among the pairable values, ``n = Σ n_c``.
  The observed disagreement is ``Dₒ = Σ o_ck δ²_ck / n``, the disagreement expected by chance
  ``Dₑ = Σ n_c n_k δ²_ck / (n(n−1))``. The difference function δ² is the level of measurement's: *nominal* 0 for
  equal values, 1 otherwise; *ordinal* ``(Σ_{g=c}^{k} n_g − (n_c + n_k)/2)²`` over the distinct values from c to k in
  order (so only the order of the values counts, weighed by how often each was used); *interval* ``(c − k)²``;
  *ratio* ``((c − k)/(c + k))²`` (0 when c = k = 0).
- *Values.* Nominal values are anything hashable (text, numbers: ``1`` and ``1.0`` are equal and so one category);
  at the other levels they are finite real numbers, at the ratio level 0 or more (a ratio scale starts at 0).

What cannot be computed raises ``ValueError`` with a message for a person: no unit coded by two coders (no pairable
values), and alpha when every pairable value is the same (``Dₑ`` = 0: no variation to judge agreement against), or
kappa when both coders put every shared unit in the same one category (pₑ = 1). The coincidence matrix has one row and
column per distinct value, so at most ``MAX_VALUES`` distinct values are taken (round finely measured values first).
It is built with one pass over the units per coder (each coder against all later ones at once): 20 coders ×
100,000 units take about a second (a float array with NaN for missing, quickest, a fraction of one).

References
----------
Cohen J. A coefficient of agreement for nominal scales. *Educational and Psychological Measurement* 20(1), 1960,
37-46.
Hayes AF, Krippendorff K. Answering the call for a standard reliability measure for coding data. *Communication
Methods and Measures* 1(1), 2007, 77-89.
Krippendorff K. *Computing Krippendorff's Alpha-Reliability*. Annenberg School for Communication, University of
Pennsylvania, 2011 (Departmental Papers 43): the formulas above and worked examples, a binary one (2 coders ×
10 units) and one with missing values (4 coders × 12 units, values 1-5) at all four levels;
``tests/analysis/test_agreement.py`` checks these functions against the alphas it prints for them (and their
coincidences, worked by hand).
"""
from __future__ import annotations

import numbers
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from districtlab.analysis.words import is_are, plural

LEVELS = ("nominal", "ordinal", "interval", "ratio")
MAX_VALUES = 2_000  # distinct values the coincidence matrix holds (its 4 million cells take 32 MB)
NOT_A_TABLE = "The data are not a table: give one row per coder, each with one value (or None) per unit."


@dataclass(frozen=True)
class KrippendorffAlpha:
    """Krippendorff's alpha and what it was computed from (see the module)."""

    alpha: float
    units: int  # pairable units: those with values from at least two coders
    coders: int  # rows of the reliability data matrix
    pairable_values: int  # n.., the values in the pairable units
    observed: float  # Dₒ, the observed disagreement
    expected: float  # Dₑ, the disagreement expected by chance


def percent_agreement(matrix) -> float:
    """The share of pairs of values, two coders' for the same unit, that are equal.

    Parameters
    ----------
    matrix : one row per coder, one value per unit (any hashable values); ``None`` or NaN where a coder did not code
        a unit.

    Returns
    -------
    float
        Equal pairs / all pairs: a unit with m values gives m(m−1)/2 pairs of values, each counted once; units with
        fewer than two values give none.

    Raises ``ValueError`` when no unit has values from two coders.

    References
    ----------
    Krippendorff 2011 (see the module) defines the pairable values counted here.

    Examples
    --------
    Unit 1 agrees (1 pair of 1), unit 2 has 3 values and 1 equal pair of 3, unit 3 a single value:

    >>> percent_agreement([["a", "b", None], ["a", "b", "c"], [None, "d", None]])
    0.5
    """
    codes, _values = _coded(matrix, "nominal")
    agree = pairs = 0
    for first, second, _units in _coder_pairs(codes):
        agree += int(np.count_nonzero(first == second))
        pairs += len(first)
    if not pairs:
        raise ValueError(_unpaired(codes, "Percent agreement"))
    return agree / pairs


def cohen_kappa(a: Sequence, b: Sequence) -> float:
    """Cohen's kappa of two coders' nominal categories for the same units.

    Parameters
    ----------
    a, b : the two coders' values, one per unit in the same order (any hashable values); ``None`` or NaN where a coder
        did not code a unit. Units either coder left out are left out.

    Returns
    -------
    float
        ``(pₒ − pₑ) / (1 − pₑ)``: pₒ the share of shared units given the same category, pₑ = Σ_c p_A(c)·p_B(c) from
        each coder's shares of the categories over those units.

    Raises ``ValueError`` when ``a`` and ``b`` differ in length, no unit was coded by both, or kappa is undefined
    (pₑ = 1: both coders gave every shared unit the same one category).

    References
    ----------
    Cohen J. A coefficient of agreement for nominal scales. *Educational and Psychological Measurement* 20(1), 1960,
    37-46.

    Examples
    --------
    >>> cohen_kappa(["yes", "yes", "no", "no"], ["yes", "no", "no", "no"])
    0.5
    """
    if len(a) != len(b):
        raise ValueError(f"The two coders have {plural(len(a), 'value')} and {len(b):,}: give each one value (or None) "
                         "per unit, for the same units.")
    codes, values = _coded([list(a), list(b)], "nominal")
    units = codes.shape[1]
    if not units:
        raise ValueError("Cohen's kappa needs at least 1 unit both coders coded; there are none.")
    table = np.bincount(codes[0] * len(values) + codes[1], minlength=len(values) ** 2).reshape(len(values), -1)
    table = table / units
    observed = float(np.trace(table))
    expected = float(table.sum(axis=1) @ table.sum(axis=0))
    if expected >= 1 - 1e-12:
        raise ValueError(f"Both coders gave all {plural(units, 'shared unit')} the same category, so agreement "
                         "cannot be told from chance: Cohen's kappa is undefined (0/0).")
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(matrix, level: str = "nominal") -> KrippendorffAlpha:
    """Krippendorff's alpha of a reliability data matrix, at a level of measurement.

    Parameters
    ----------
    matrix : one row per coder, one value per unit (a list of lists or a 2-D array); ``None`` or NaN where a coder did
        not code a unit. Nominal values are anything hashable; ordinal, interval and ratio values are finite real
        numbers (ratio: 0 or more).
    level : ``"nominal"``, ``"ordinal"``, ``"interval"`` or ``"ratio"``: which difference function δ² weighs a
        disagreement (see the module).

    Returns
    -------
    KrippendorffAlpha
        ``alpha`` = 1 − Dₒ/Dₑ; ``units`` (pairable units), ``coders`` (rows), ``pairable_values`` (n..), and the
        ``observed`` (Dₒ) and ``expected`` (Dₑ) disagreements.

    Raises ``ValueError`` with a message for a person: an unknown level, data that are not a table, a value that is not
    a finite number (not below 0 for ratio) at a level that needs one, more than ``MAX_VALUES`` distinct values, no
    unit with values from two coders, or every pairable value the same (Dₑ = 0: alpha undefined).

    References
    ----------
    Krippendorff K. *Computing Krippendorff's Alpha-Reliability*. University of Pennsylvania, 2011.

    Examples
    --------
    Two coders who agree on 2 of 3 units (a fourth has one value, so is not pairable): 6 pairable values, 3 "a" and
    3 "b"; o_ab = o_ba = 1, so Dₒ = 2/6, Dₑ = 2·3·3/(6·5) and alpha = 1 − (1/3)/(3/5) = 4/9.

    >>> r = krippendorff_alpha([["a", "b", "b", "a"], ["a", "b", "a", None]])
    >>> round(r.alpha, 3), r.units, r.coders, r.pairable_values
    (0.444, 3, 2, 6)
    """
    if level not in LEVELS:
        raise ValueError(f'Unknown level of measurement "{level}": use one of {", ".join(LEVELS)}.')
    codes, values = _coded(matrix, level)
    coders, units = codes.shape
    if not units:
        raise ValueError(_unpaired(codes, "Krippendorff's alpha"))
    coincidence = _coincidences(codes, len(values))
    used = np.bincount(codes[codes >= 0], minlength=len(values))  # n_c: exact, where o's row sums are rounded
    n = int(used.sum())
    difference = _differences(values, used, level)
    observed = float((coincidence * difference).sum() / n)
    expected = float((np.outer(used, used) * difference).sum() / (n * (n - 1)))
    if expected == 0:
        raise ValueError(f"Every value in the units compared is the same ({plural(n, 'value')} in "
                         f"{plural(units, 'unit')}), so there is no variation to judge agreement against: "
                         "Krippendorff's alpha is undefined (0/0).")
    return KrippendorffAlpha(1 - observed / expected, units, coders, n, observed, expected)


def coincidences(matrix, level: str = "nominal") -> tuple[list, np.ndarray]:
    """The coincidence matrix of a reliability data matrix, as ``krippendorff_alpha`` uses it.

    Parameters
    ----------
    matrix, level : as for ``krippendorff_alpha`` (the level decides which values are allowed, and numbers are in
        order at every level but nominal, where they are in order when all values are numbers).

    Returns
    -------
    values : the distinct pairable values: numbers in order, other categories in the order they first appear.
    o : a V × V array, ``o[c, k] = Σ_u Σ_{i≠j} [v_iu = c][v_ju = k] / (m_u − 1)``; its row sums are ``n_c``.

    References
    ----------
    Krippendorff 2011, section C (see the module).

    Examples
    --------
    >>> values, o = coincidences([[1, 2, 2], [1, 2, 1]])
    >>> values, o.tolist()
    ([1.0, 2.0], [[2.0, 1.0], [1.0, 2.0]])
    """
    codes, values = _coded(matrix, level)
    return values, _coincidences(codes, len(values))


def _coder_pairs(codes: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Each pair of values two coders i < j gave one unit, as (i's value codes, j's, the units): one array operation
    per coder i, against all later coders at once."""
    for i in range(len(codes) - 1):
        first, later = codes[i], codes[i + 1:]
        both = (first >= 0) & (later >= 0)
        units = np.nonzero(both)[1]
        yield first[units], later[both], units


def _coincidences(codes: np.ndarray, size: int) -> np.ndarray:
    """``o`` from the value codes (−1 for missing) of pairable units: each unordered pair of values, weighed
    1/(m_u − 1), counted in both orders."""
    weight = 1 / ((codes >= 0).sum(axis=0) - 1)
    half = np.zeros(size * size)
    for first, second, units in _coder_pairs(codes):
        half += np.bincount(first * size + second, weights=weight[units], minlength=size * size)
    half = half.reshape(size, size)
    return half + half.T


def _differences(values: list, used: np.ndarray, level: str) -> np.ndarray:
    """δ²_ck for every two values, at ``level`` (``used``: n_c, the ordinal level's weights)."""
    if level == "nominal":
        return 1 - np.eye(len(values))
    if level == "ordinal":  # Σ_{g=c}^{k} n_g − (n_c + n_k)/2 is the difference of the values' mid-points in n
        at = np.cumsum(used) - used / 2
        return np.subtract.outer(at, at) ** 2
    x = np.asarray(values, dtype=float)
    if level == "interval":
        return np.subtract.outer(x, x) ** 2
    total = np.add.outer(x, x)
    return np.divide(np.subtract.outer(x, x), total, out=np.zeros_like(total), where=total > 0) ** 2


def _coded(matrix, level: str) -> tuple[np.ndarray, list]:
    """The pairable units of ``matrix`` as value codes (coders × units, −1 for missing) and the distinct values
    they index; ``ValueError`` for data that are not a table, or values the level does not take."""
    data = _table(matrix)
    if data.dtype.kind in "iuf":
        numeric = data.astype(float)
        missing = np.isnan(numeric)
    else:
        flat = data.ravel()
        missing = np.fromiter((_is_missing(v) for v in flat), bool, len(flat)).reshape(data.shape)
        numeric = None if level == "nominal" else _numbers(data, missing, level)
    if level != "nominal":
        _check_numbers(numeric, missing, level)
    pairable = (~missing).sum(axis=0) >= 2
    missing = missing[:, pairable]
    codes = np.full(missing.shape, -1, dtype=np.int64)
    if numeric is not None:
        numeric = numeric[:, pairable]
        values, codes[~missing] = np.unique(numeric[~missing], return_inverse=True)
        values = values.tolist()
    else:
        at: dict = {}
        codes[~missing] = [at.setdefault(v, len(at)) for v in data[:, pairable][~missing]]
        values = list(at)
        if all(isinstance(v, numbers.Real) for v in values):  # numbers given with None: in order, as any numbers are
            order = np.argsort(np.asarray(values, dtype=float), kind="stable")
            codes[~missing] = np.argsort(order)[codes[~missing]]
            values = [values[i] for i in order]
    if len(values) > MAX_VALUES:
        raise ValueError(f"The units compared hold {len(values):,} different values; agreement is computed for at most "
                         f"{MAX_VALUES:,}. Round finely measured values (e.g. to whole numbers) first.")
    return codes, values


def _table(matrix) -> np.ndarray:
    """``matrix`` as a 2-D array (of numbers, or of any objects); ``ValueError`` if it is not a table."""
    try:
        data = np.asarray(matrix)
    except ValueError:  # rows of different lengths
        raise ValueError(NOT_A_TABLE) from None
    if data.size == 0:
        return np.zeros((len(data), 0))
    if data.ndim != 2:
        raise ValueError(NOT_A_TABLE)
    return data


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, numbers.Number) and value != value)


def _numbers(data: np.ndarray, missing: np.ndarray, level: str) -> np.ndarray:
    """An object table's values as floats (NaN for missing); ``ValueError`` naming the first that is not a number."""
    for (coder, unit), value in np.ndenumerate(data):
        if not missing[coder, unit] and (not isinstance(value, numbers.Real) or isinstance(value, (bool, np.bool_))):
            raise ValueError(f"The {level} level needs numbers, and coder {coder + 1}'s value for unit {unit + 1} is "
                             f"{value!r}: use the nominal level for categories.")
    return np.where(missing, np.nan, data).astype(float)


def _check_numbers(values: np.ndarray, missing: np.ndarray, level: str) -> None:
    """Refuse an infinite value (and, at the ratio level, one below 0), naming its coder and unit."""
    bad = ~missing & ~np.isfinite(values)
    if level == "ratio":
        bad |= ~missing & (values < 0)
    if bad.any():
        coder, unit = np.argwhere(bad)[0]
        value = values[coder, unit]
        why = "is not finite" if not np.isfinite(value) else "is below 0, and ratio values start at 0 (use interval)"
        raise ValueError(f"Coder {coder + 1}'s value for unit {unit + 1}, {value:g}, {why}.")


def _unpaired(codes: np.ndarray, what: str) -> str:
    return (f"{what} needs at least one unit with values from two coders; there {is_are(len(codes), 'coder')} and no "
            "unit coded by two of them.")
