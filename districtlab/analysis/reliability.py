"""Cronbach's alpha for a scale: how consistently its items measure one thing, with each item's part in it.

Data are a table: one row per respondent, one column per item, a missing answer ``None`` or NaN. The rules:

- *Listwise deletion.* A respondent with any missing answer is left out of everything; ``n`` counts those used.
- *Alpha* (Cronbach 1951): ``k/(k−1) · (1 − Σ s²ᵢ / s²ₜ)`` for k items with sample variances s²ᵢ (ddof = 1)
  and s²ₜ, the variance of the respondents' total scores.
- *Standardized alpha*: ``k·r̄ / (1 + (k−1)·r̄)``, r̄ the mean correlation between two different items (SPSS's
  "alpha based on standardized items"; it is the alpha of the items turned into z-scores).
- *Corrected item-total correlation* of an item: its Pearson correlation with the total of the *other* items.
- *Alpha if deleted* of an item: the alpha of the other k−1 items (the same respondents).
- *Reverse coding* of an answer on a scale from ``bottom`` to ``top``: ``top + bottom − answer`` (on 1..5, 1↔5,
  2↔4). The scale's bottom is 1 unless said otherwise: it is not guessed from the answers, since a scale from 0
  that nobody answered 0 on would then be reversed wrongly.

What cannot be computed. Fewer than 2 items, fewer than 2 respondents with every item answered, or a total score
that is the same for every respondent used (alpha is 0/0, or −∞ when items cancel out) raise ``ValueError`` with a
message for a person. A value that is undefined while alpha is not is ``None``: the standardized alpha when an
item does not vary (its correlations are 0/0); an item's item-total correlation when the item, or the total of the
others, does not vary; alpha if deleted with only 2 items (one item left has no alpha) or when the other items'
total does not vary. "Does not vary" allows for rounding: a spread no larger than ``ROUNDING`` times k times the
largest answer in size counts as none (0.1 + 0.2 and 0.3 are the same total).

References
----------
Cronbach LJ. Coefficient alpha and the internal structure of tests. *Psychometrika* 16(3), 1951, 297-334.
Denis DJ. *Applied Univariate, Bivariate, and Multivariate Statistics*. Wiley, 2016: the section on Cronbach's
alpha works an example (10 respondents, 5 items) through SPSS; ``tests/analysis/test_reliability.py`` checks these
functions against every figure it prints.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from districtlab.analysis.words import is_are, plural

ROUNDING = 1e-10  # a spread this small, relative to the largest possible total, is rounding, not variation


@dataclass(frozen=True)
class Reliability:
    """Cronbach's alpha of a scale and each item's part in it (``None``: cannot be computed; see the module)."""

    alpha: float
    standardized_alpha: float | None
    n: int  # respondents used: those who answered every item
    items: tuple[str, ...]
    item_total: dict[str, float | None]  # item → corrected item-total correlation
    alpha_if_deleted: dict[str, float | None]  # item → alpha of the other items

    def as_dict(self) -> dict:
        """The result as JSON-ready data: ``item_total`` and ``alpha_if_deleted`` are objects keyed by item, in the
        items' order."""
        return {"alpha": self.alpha, "standardized_alpha": self.standardized_alpha, "n": self.n,
                "items": list(self.items), "item_total": dict(self.item_total),
                "alpha_if_deleted": dict(self.alpha_if_deleted)}


def reverse(answers, top: float, bottom: float = 1):
    """Reverse-code answers on a scale from ``bottom`` to ``top``: ``top + bottom − answer``.

    Parameters
    ----------
    answers : a number, or a numpy array of them (NaN, a missing answer, stays NaN).
    top : the scale's highest answer.
    bottom : the scale's lowest answer (1 unless the scale starts elsewhere, e.g. 0).

    Returns
    -------
    The reversed answer(s), of the same shape. Reversing twice gives the answers back.

    Examples
    --------
    >>> reverse(2, top=5), reverse(1, top=5), reverse(0, top=4, bottom=0)
    (4, 5, 4)
    >>> reverse(np.array([1.0, 3.0, np.nan]), top=5).tolist()
    [5.0, 3.0, nan]
    """
    return top + bottom - answers


def complete_cases(rows) -> np.ndarray:
    """The respondents with every item answered (listwise deletion), as a 2-D float array.

    Parameters
    ----------
    rows : one row per respondent, one value per item; ``None`` or NaN is a missing answer.

    Examples
    --------
    >>> complete_cases([[1, 2], [None, 3], [4, float("nan")], [5, 5]]).tolist()
    [[1.0, 2.0], [5.0, 5.0]]
    """
    data = _table(rows)
    return data[~np.isnan(data).any(axis=1)]


def cronbach_alpha(rows, items: Sequence[str] | None = None) -> Reliability:
    """Cronbach's alpha, standardized alpha, corrected item-total correlations and alpha if each item is deleted.

    Parameters
    ----------
    rows : one row per respondent, one value per item (a list of lists or a 2-D numpy array); ``None`` or NaN is a
        missing answer, and a respondent with one is left out (listwise). Reverse-code items first (``reverse``).
    items : the items' names, in column order (unique); ``"item 1"``, ``"item 2"``... when not given.

    Returns
    -------
    Reliability
        ``alpha``, ``standardized_alpha``, ``n`` (respondents used), ``items``, and ``item_total`` and
        ``alpha_if_deleted`` keyed by item. Values that cannot be computed are ``None`` (see the module).

    Raises ``ValueError`` with a message for a person: rows that are not a table of numbers, an infinite value,
    names that do not match the columns or repeat, fewer than 2 items, fewer than 2 respondents with every item
    answered, or a total score the same for every respondent used.

    Notes
    -----
    All figures come from the items' sample covariance matrix C (ddof = 1), computed once from the centred data:
    s²ₜ = ΣC, the covariance of item j with the others' total is Σₗ Cⱼₗ − Cⱼⱼ, and their total's variance is
    ΣC − 2·Σₗ Cⱼₗ + Cⱼⱼ. A file of 100,000 respondents is one pass over an array.

    Examples
    --------
    Two items that differ by a constant agree perfectly; one item alone has no alpha:

    >>> r = cronbach_alpha([[1, 2], [2, 3], [3, 4], [None, 5]], items=["calm", "focused"])
    >>> r.alpha, r.standardized_alpha, r.n, r.item_total, r.alpha_if_deleted
    (1.0, 1.0, 3, {'calm': 1.0, 'focused': 1.0}, {'calm': None, 'focused': None})
    """
    data = _table(rows, items)
    k = data.shape[1]
    names = tuple(items) if items is not None else tuple(f"item {i}" for i in range(1, k + 1))
    if len(names) != k:
        raise ValueError(f"{plural(len(names), 'item name')} for {plural(k, 'column')}: name each column once.")
    if len(set(names)) != k:
        repeated = next(name for name in names if names.count(name) > 1)
        raise ValueError(f'The item "{repeated}" is named twice: each item needs a name of its own.')
    if k < 2:
        raise ValueError(f"Cronbach's alpha needs at least 2 items; there {is_are(k, 'item')}.")
    used = complete_cases(data)
    n = len(used)
    if n < 2:
        left_out = len(data) - n
        raise ValueError(f"Cronbach's alpha needs at least 2 respondents who answered every item; there "
                         f"{is_are(n, 'respondent')}" + (f" ({left_out:,} left out for a missing answer)." if left_out
                                                     else "."))
    totals = used.sum(axis=1)
    tolerance = ROUNDING * k * np.abs(used).max()
    if np.ptp(totals) <= tolerance:
        raise ValueError(f"Every respondent used ({n:,}) has the same total score, so the items do not vary "
                         "together and Cronbach's alpha cannot be computed.")
    centred = used - used.mean(axis=0)
    cov = centred.T @ centred / (n - 1)
    variances = np.diag(cov)
    total_variance = cov.sum()
    alpha = k / (k - 1) * (1 - variances.sum() / total_variance)

    flat_item = np.ptp(used, axis=0) <= tolerance
    with_others = cov.sum(axis=1) - variances  # covariance of each item with the total of the others
    others_variance = total_variance - 2 * cov.sum(axis=1) + variances
    flat_others = np.array([np.ptp(totals - used[:, j]) <= tolerance for j in range(k)])

    item_total: dict[str, float | None] = {}
    if_deleted: dict[str, float | None] = {}
    for j, name in enumerate(names):
        defined = not (flat_item[j] or flat_others[j])
        item_total[name] = _clipped(with_others[j] / np.sqrt(variances[j] * others_variance[j])) if defined else None
        if_deleted[name] = None if k == 2 or flat_others[j] else float(
            (k - 1) / (k - 2) * (1 - (variances.sum() - variances[j]) / others_variance[j]))
    return Reliability(float(alpha), _standardized(cov, flat_item), n, names, item_total, if_deleted)


def _standardized(cov: np.ndarray, flat_item: np.ndarray) -> float | None:
    """``k·r̄ / (1 + (k−1)·r̄)`` from the covariances; ``None`` when an item does not vary."""
    if flat_item.any():
        return None
    k = len(cov)
    sd = np.sqrt(np.diag(cov))
    mean_r = (np.clip(cov / np.outer(sd, sd), -1, 1).sum() - k) / (k * (k - 1))
    denominator = 1 + (k - 1) * mean_r
    return float(k * mean_r / denominator) if denominator > ROUNDING else None


def _table(rows, items: Sequence[str] | None = None) -> np.ndarray:
    """``rows`` as a 2-D float array (``None`` as NaN); ``ValueError`` if it is not a table of finite numbers."""
    try:
        data = np.asarray(rows, dtype=float)
    except (TypeError, ValueError):
        raise ValueError("The rows are not a table of numbers: give one row per respondent, each with one number "
                         "(or a missing answer) per item.") from None
    if data.size == 0:
        data = data.reshape(0, len(items) if items is not None else (data.shape[-1] if data.ndim == 2 else 0))
    if data.ndim != 2:
        raise ValueError("The rows are not a table: give one row per respondent, each with one value per item.")
    if np.isinf(data).any():
        raise ValueError("A value is infinite: answers are finite numbers (leave a missing answer as None or NaN).")
    return data


def _clipped(r: float) -> float:
    """A correlation within [−1, 1] (rounding can take one a hair past)."""
    return float(min(1.0, max(-1.0, r)))


