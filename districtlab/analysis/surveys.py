"""Survey answers for program evaluation: how answers spread over options, scale scores, summaries, small groups kept
from view, and the change from a before survey to an after one with its confidence interval and effect size.

A *missing* answer is ``None``, NaN, a blank string, or (multiple choice) an empty list. The rules:

- *Distribution.* Shares are of the respondents who answered (``n``), not of everyone asked. A multiple-choice
  answer (a list, tuple or set) counts each option chosen once, so its shares can add up to more than 1; ``n``
  counts respondents who chose at least one thing. A value that is not one of the options is counted as ``other``,
  never dropped.
- *Scale score* (proration): a respondent's score is the mean of the items they answered, reverse-coded items
  turned first (``top + bottom − answer``, as ``reliability.reverse``), when they answered at least ``min_share``
  of the items (half by default, the common "half rule"); with fewer it is missing. Proration assumes the missed
  items would have been answered like the others (Mazza, Enders & Ruehlman 2015 show where that fails).
- *Suppression* (minimum group size, NCES 2011): a group with fewer than ``minimum`` answered values is not shown.
  *Complementary suppression*: when the total is shown and exactly one suppressed group has any values, they could
  be worked out by subtracting the shown groups from the total, so the smallest shown group is suppressed as well.
  (A suppressed group with no values discloses nothing and does not count; the total itself is not judged here.)
- *Paired change* (the same respondents before and after, matched by a key): the mean of the changes after − before
  with the t interval ``mean ± t₁₋α/₂,ₙ₋₁ · sd/√n`` and Cohen's d_z = mean change / sd of the changes (Lakens 2013).
- *Independent change* (anonymous surveys, no pairs): Welch's difference of means after − before, se
  ``√(s²₁/n₁ + s²₂/n₂)`` and the Welch-Satterthwaite degrees of freedom ``se⁴ / Σ (s²ᵢ/nᵢ)² / (nᵢ − 1)``
  (Welch 1947), the interval ``difference ± t₁₋α/₂,df · se``; the effect size is Hedges' g: Cohen's d with the
  pooled sd, times ``J = 1 − 3 / (4(n₁ + n₂) − 9)`` (Hedges 1981; Lakens 2013, eq. 4). The interval does not assume
  equal variances; the effect size, by its definition, pools them.

Standard deviations are sample ones (ddof = 1); a spread within rounding (``reliability.ROUNDING`` of the largest
value in size) counts as none, so an sd of 0 gives no effect size (``None``) and an interval of width 0. Too few
values for a change, a ``confidence`` outside (0, 1), and answers that are not numbers raise ``ValueError`` with a
message for a person.

References
----------
Hedges LV. Distribution theory for Glass's estimator of effect size and related estimators. *Journal of Educational
Statistics* 6(2), 1981, 107-128.
Lakens D. Calculating and reporting effect sizes to facilitate cumulative science: a practical primer for t-tests
and ANOVAs. *Frontiers in Psychology* 4, 2013, 863.
Mazza GL, Enders CK, Ruehlman LS. Addressing item-level missing data: a comparison of proration and full information
maximum likelihood estimation. *Multivariate Behavioral Research* 50(5), 2015, 504-519.
National Center for Education Statistics. *Statistical Methods for Protecting Personally Identifiable Information
in Aggregate Reporting* (SLDS Technical Brief 3, NCES 2011-603), 2010.
Welch BL. The generalization of "Student's" problem when several different population variances are involved.
*Biometrika* 34(1-2), 1947, 28-35.
``tests/analysis/test_surveys.py`` checks the intervals against scipy.stats' t-tests and the effect sizes by hand.
"""
from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

from districtlab.analysis import reliability
from districtlab.analysis.reliability import ROUNDING
from districtlab.analysis.words import is_are, plural

MULTIPLE_CHOICE = (list, tuple, set, frozenset)


@dataclass(frozen=True)
class Distribution:
    """How the answers to one question spread over its options."""

    n: int  # respondents who answered (at least one choice, an option or not)
    missing: int  # respondents who did not
    counts: dict  # option → respondents who chose it, in the options' order, 0 included
    shares: dict  # option → count / n (0..1); None when nobody answered
    other: int  # choices that are none of the options


@dataclass(frozen=True)
class Summary:
    """Numbers in brief, missing values left out (``None``: no values, or for ``sd`` fewer than 2)."""

    n: int
    mean: float | None
    sd: float | None
    median: float | None
    minimum: float | None
    maximum: float | None


@dataclass(frozen=True)
class Suppression:
    """The groups that may be shown and those that may not."""

    shown: dict  # group → its values, in the input's order
    suppressed: list  # groups not shown, in the input's order


@dataclass(frozen=True, kw_only=True)
class Change:
    """What both designs report: the means, the change after − before with its t interval, and an effect size."""

    mean_before: float
    mean_after: float
    mean_change: float
    confidence: float
    df: float | None  # the interval's degrees of freedom; None when there is no spread to estimate
    ci_low: float
    ci_high: float
    effect_size: float | None  # None when the sd it divides by is 0
    effect_size_name: str


@dataclass(frozen=True, kw_only=True)
class PairedChange(Change):
    """The change for respondents matched before and after; the means are those of the pairs."""

    n: int  # pairs
    sd_change: float
    effect_size_name: str = "Cohen's d_z"


@dataclass(frozen=True, kw_only=True)
class IndependentChange(Change):
    """The change between two unmatched groups of answers (Welch)."""

    n_before: int
    n_after: int
    sd_before: float
    sd_after: float
    effect_size_name: str = "Hedges' g"


def distribution(answers: Sequence, options: Sequence[Hashable]) -> Distribution:
    """Counts and shares of each option among the respondents who answered.

    Parameters
    ----------
    answers : one answer per respondent: an option, or for multiple choice a list of them; missing answers are
        ``None``, NaN, blank strings or empty lists.
    options : the question's options, in the order to report them (each once).

    Examples
    --------
    >>> d = distribution(["yes", "no", "yes", None, " ", "maybe"], options=["yes", "no"])
    >>> d.n, d.missing, d.counts, d.other
    (4, 2, {'yes': 2, 'no': 1}, 1)
    >>> d.shares
    {'yes': 0.5, 'no': 0.25}

    Multiple choice counts each option a respondent chose; the shares can add up to more than 1:

    >>> d = distribution([["art", "music"], ["music"], []], options=["art", "music", "sport"])
    >>> d.n, d.missing, d.shares
    (2, 1, {'art': 0.5, 'music': 1.0, 'sport': 0.0})
    """
    counts = dict.fromkeys(options, 0)
    if len(counts) != len(options):
        repeated = next(option for option in options if list(options).count(option) > 1)
        raise ValueError(f"The option {repeated!r} is listed twice: list each option once.")
    n = other = 0
    for answer in answers:
        chosen = set(answer) if isinstance(answer, MULTIPLE_CHOICE) else {answer}
        chosen = {choice for choice in chosen if not _blank(choice)}
        if not chosen:
            continue
        n += 1
        for choice in chosen:
            if choice in counts:
                counts[choice] += 1
            else:
                other += 1
    shares = {option: count / n if n else None for option, count in counts.items()}
    return Distribution(n, len(answers) - n, counts, shares, other)


def scale_score(answers: Sequence[float | None], reverse: Sequence[bool], top: float, bottom: float = 1,
                min_share: float = 0.5) -> float | None:
    """A respondent's score on a scale: the mean of the items answered, reverse-coded items turned first.

    Parameters
    ----------
    answers : the respondent's answer to each item of the scale, ``None`` or NaN if missing.
    reverse : for each item, whether it is reverse-coded (worded the other way: ``top + bottom − answer``).
    top, bottom : the answers' scale, e.g. 1..5.
    min_share : the least share of the items answered for a score (proration: half by default).

    Returns
    -------
    The mean, or ``None`` when fewer than ``min_share`` of the items were answered.

    Examples
    --------
    Four items on 1..5, the last reverse-coded (its 2 counts as 4) and one missed; 3 of 4 is at least half:

    >>> scale_score([4, None, 5, 2], reverse=[False, False, False, True], top=5)
    4.333333333333333
    >>> scale_score([4, None, None, None], reverse=[False] * 4, top=5) is None
    True
    """
    if len(reverse) != len(answers):
        raise ValueError(f"{plural(len(reverse), 'reverse-coding flag')} for {plural(len(answers), 'item')}: "
                         "give one for each item.")
    if not answers:
        raise ValueError("A scale score needs at least 1 item.")
    if not bottom < top:
        raise ValueError(f"The scale's top ({top}) must be above its bottom ({bottom}).")
    if not 0 < min_share <= 1:
        raise ValueError(f"The least share of items answered is {min_share}: it must be above 0 and at most 1.")
    turned = []
    for answer, reversed_item in zip(answers, reverse):
        value = _number(answer)
        if math.isnan(value):
            continue
        if not bottom <= value <= top:
            raise ValueError(f"The answer {answer} is off the scale from {bottom} to {top}.")
        turned.append(reliability.reverse(value, top, bottom) if reversed_item else value)
    if len(turned) / len(answers) < min_share:
        return None
    return float(np.mean(turned))


def summary(values: Sequence[float | None]) -> Summary:
    """Count, mean, sd (ddof = 1), median, minimum and maximum of the values given (``None`` and NaN left out).

    Examples
    --------
    >>> summary([3, None, 1, 2, 6])
    Summary(n=4, mean=3.0, sd=2.160246899469287, median=2.5, minimum=1.0, maximum=6.0)
    >>> summary([None])
    Summary(n=0, mean=None, sd=None, median=None, minimum=None, maximum=None)
    """
    x = _numbers(values)
    if not len(x):
        return Summary(0, None, None, None, None, None)
    return Summary(len(x), float(x.mean()), _sd(x) if len(x) > 1 else None, float(np.median(x)), float(x.min()),
                   float(x.max()))


def suppress(groups: Mapping[str, Sequence], minimum: int, total_shown: bool = True) -> Suppression:
    """The groups too small to show, and with a shown total the one more that would give one away by subtraction.

    Parameters
    ----------
    groups : group name → its values (answers); missing answers do not count towards the group's size.
    minimum : the least number of answered values for a group to be shown.
    total_shown : whether the total over all groups is shown beside them (then complementary suppression applies).

    Returns
    -------
    Suppression
        ``shown`` (name → values) and ``suppressed`` (names), each in the input's order. Of shown groups equally
        small, the first is the one suppressed to protect another.

    Examples
    --------
    With a minimum of 5 the group of 3 is hidden; the total would give it away, so the next smallest goes too:

    >>> groups = {"grade 6": [4] * 12, "grade 7": [3] * 3, "grade 8": [5] * 7}
    >>> suppress(groups, minimum=5).suppressed
    ['grade 7', 'grade 8']
    >>> list(suppress(groups, minimum=5, total_shown=False).shown)
    ['grade 6', 'grade 8']
    """
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 1:
        raise ValueError(f"The minimum group size is {minimum!r}: it must be a whole number of at least 1.")
    sizes = {name: sum(not _blank(value) for value in values) for name, values in groups.items()}
    hidden = {name for name, size in sizes.items() if size < minimum}
    shown_sizes = {name: size for name, size in sizes.items() if name not in hidden}
    if total_shown and shown_sizes and sum(sizes[name] > 0 for name in hidden) == 1:
        hidden.add(min(shown_sizes, key=shown_sizes.get))
    return Suppression({name: values for name, values in groups.items() if name not in hidden},
                       [name for name in groups if name in hidden])


def paired_change(before: Mapping[Hashable, float | None], after: Mapping[Hashable, float | None],
                  confidence: float = 0.95) -> PairedChange:
    """The mean change after − before of the respondents answering both, its t interval and Cohen's d_z.

    Parameters
    ----------
    before, after : respondent (any key) → value; respondents in only one, or missing a value, are left out.
    confidence : the interval's confidence level, e.g. 0.95.

    Examples
    --------
    Changes 1, 2, 3 and 2: mean 2, sd √(2/3), so d_z = 2 / √(2/3) = √6:

    >>> c = paired_change({"a": 1, "b": 2, "c": 3, "d": 4, "e": 9}, {"a": 2, "b": 4, "c": 6, "d": 6})
    >>> c.n, c.mean_change, round(c.effect_size, 6), round(c.ci_low, 4), round(c.ci_high, 4)
    (4, 2.0, 2.44949, 0.7008, 3.2992)
    """
    _check(confidence)
    pairs = [(b, a) for b, a in ((_number(before[key]), _number(after[key])) for key in before if key in after)
             if not (math.isnan(b) or math.isnan(a))]
    if len(pairs) < 2:
        raise ValueError("A paired change needs at least 2 respondents with a value both before and after; there "
                         f"{is_are(len(pairs), 'respondent')} with both.")
    values = np.array(pairs)
    changes = values[:, 1] - values[:, 0]
    n = len(changes)
    mean, sd = float(changes.mean()), _sd(changes, scale=np.abs(values).max())
    low, high = _interval(mean, sd / math.sqrt(n), n - 1, confidence)
    return PairedChange(mean_before=float(values[:, 0].mean()), mean_after=float(values[:, 1].mean()),
                        mean_change=mean, confidence=confidence, df=n - 1, ci_low=low, ci_high=high,
                        effect_size=mean / sd if sd else None, n=n, sd_change=sd)


def independent_change(before: Sequence[float | None], after: Sequence[float | None],
                       confidence: float = 0.95) -> IndependentChange:
    """The difference of means after − before of two unmatched groups, its Welch t interval and Hedges' g.

    Parameters
    ----------
    before, after : the values of each survey (``None`` and NaN left out).
    confidence : the interval's confidence level, e.g. 0.95.

    Examples
    --------
    Before 2, 4, 6 and after 5, 7, 9: both sd 2, difference 3, d = 3/2 and J = 1 − 3/15 = 0.8, so g = 1.2:

    >>> c = independent_change([2, 4, 6], [5, 7, 9])
    >>> c.mean_change, c.df, round(c.effect_size, 10)
    (3.0, 4.0, 1.2)
    """
    _check(confidence)
    x, y = _numbers(before), _numbers(after)
    n1, n2 = len(x), len(y)
    if n1 < 2 or n2 < 2:
        raise ValueError("A change between two surveys needs at least 2 values in each; there "
                         f"{is_are(n1, 'value')} before and {plural(n2, 'value')} after.")
    s1, s2 = _sd(x), _sd(y)
    v1, v2 = s1 ** 2 / n1, s2 ** 2 / n2
    se = math.sqrt(v1 + v2)
    df = (v1 + v2) ** 2 / (v1 ** 2 / (n1 - 1) + v2 ** 2 / (n2 - 1)) if se else None
    difference = float(y.mean() - x.mean())
    low, high = _interval(difference, se, df, confidence)
    pooled = math.sqrt(((n1 - 1) * s1 ** 2 + (n2 - 1) * s2 ** 2) / (n1 + n2 - 2))
    hedges_g = difference / pooled * (1 - 3 / (4 * (n1 + n2) - 9)) if pooled else None
    return IndependentChange(mean_before=float(x.mean()), mean_after=float(y.mean()), mean_change=difference,
                             confidence=confidence, df=df, ci_low=low, ci_high=high, effect_size=hedges_g,
                             n_before=n1, n_after=n2, sd_before=s1, sd_after=s2)


def _interval(estimate: float, se: float, df: float | None, confidence: float) -> tuple[float, float]:
    """``estimate ± t₁₋α/₂,df · se`` (width 0 when se is 0, whatever the df)."""
    half = float(stats.t.ppf((1 + confidence) / 2, df) * se) if se else 0.0
    return estimate - half, estimate + half


def _sd(x: np.ndarray, scale: float | None = None) -> float:
    """The sample sd (ddof = 1), 0 when the spread is within rounding of ``scale`` (the values' largest size)."""
    scale = np.abs(x).max() if scale is None else scale
    return 0.0 if np.ptp(x) <= ROUNDING * scale else float(x.std(ddof=1))


def _check(confidence: float) -> None:
    if not 0 < confidence < 1:
        raise ValueError(f"The confidence level is {confidence}: it must be between 0 and 1, e.g. 0.95.")


def _blank(answer) -> bool:
    """Whether a single answer is missing: ``None``, NaN or a blank string."""
    return answer is None or (isinstance(answer, str) and not answer.strip()) or (
        isinstance(answer, float) and math.isnan(answer))


def _number(value) -> float:
    """``value`` as a float, a missing one as NaN; ``ValueError`` if it is not a finite number."""
    if value is None:
        return math.nan
    try:
        if isinstance(value, (str, bytes)):
            raise TypeError
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"The answer {value!r} is not a number.") from None
    if math.isinf(number):
        raise ValueError("A value is infinite: answers are finite numbers (leave a missing answer as None).")
    return number


def _numbers(values: Sequence[float | None]) -> np.ndarray:
    """The values given (missing ones left out) as a float array."""
    x = np.array([_number(value) for value in values], dtype=float)
    return x[~np.isnan(x)]
