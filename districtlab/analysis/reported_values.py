"""Reading values as schools and studies report them, without inventing precision.

Seeds report demographics as exact numbers ("73"), percentages ("22%"), ranges ("40-60%",
"700-1200") and bounds (">80%", "<5%"). The text is the record; this module derives the numbers a
computer can sort and filter on, and never turns a range into a made-up point value.
"""
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_APPROX = r"(?:~|approximately|approx\.|about|around|nearly|almost)\s*"
_EXACT = re.compile(rf"^({_APPROX})?({_NUM})\s*(%?)$", re.IGNORECASE)
_RANGE = re.compile(rf"^({_NUM})\s*%?\s*(?:-|–|—|to)\s*({_NUM})\s*(%?)$")
_BOUND = re.compile(
    rf"^(<=|>=|≤|≥|<|>|over|more than|above|at least|under|less than|below|at most)\s*({_NUM})\s*(%?)$", re.IGNORECASE)
_ABOVE = {">", ">=", "≥", "over", "more than", "above", "at least"}
_NOT_REPORTED = {"", "n/a", "na", "—", "-", "not reported", "suppressed", "s"}


@dataclass(frozen=True)
class ReportedValue:
    """What a reported value says: ``number`` for an exact value, ``low``/``high`` for its bounds."""

    text: str
    number: Decimal | None
    low: Decimal | None
    high: Decimal | None
    percent: bool


def _dec(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def parse_reported_value(text: str) -> ReportedValue:
    """Read a reported value; raise ``ValueError`` naming the problem if it is not one.

    Accepted forms: exact ``"73"``, ``"22%"``, ``"1,250"``, approximate ``"~640"``, ``"approximately 17,700"``; ranges ``"40-60%"``,
    ``"700-1200"``; bounds ``">80%"``, ``"<5"``, ``"Over 50%"``; and "not reported" markers (blank, ``n/a``, ``s``).

    >>> parse_reported_value("40-60%").low, parse_reported_value("40-60%").high
    (Decimal('40'), Decimal('60'))
    >>> parse_reported_value("73").number
    Decimal('73')
    >>> parse_reported_value(">80%").number is None, parse_reported_value(">80%").low
    (True, Decimal('80'))
    """
    raw = text.strip()
    if raw.lower() in _NOT_REPORTED:
        return ReportedValue(raw, None, None, None, False)
    try:
        if m := _EXACT.match(raw):
            if m.group(1):  # approximate: no exact number, no bounds
                return ReportedValue(raw, None, None, None, bool(m.group(3)))
            n = _dec(m.group(2))
            return ReportedValue(raw, n, n, n, bool(m.group(3)))
        if m := _RANGE.match(raw):
            low, high = _dec(m.group(1)), _dec(m.group(2))
            if low > high:
                raise ValueError(f'"{raw}" is a range whose first number is larger than its second.')
            return ReportedValue(raw, None, low, high, bool(m.group(3)) or "%" in raw)
        if m := _BOUND.match(raw):
            n = _dec(m.group(2))
            above = m.group(1).lower() in _ABOVE
            return ReportedValue(raw, None, n if above else None, None if above else n, bool(m.group(3)))
    except InvalidOperation as exc:  # pragma: no cover - the patterns only admit decimals
        raise ValueError(f'"{raw}" is not a number.') from exc
    raise ValueError(
        f'"{raw}" is not a reported value: use a number ("73", "22%"), a range ("40-60%") or a bound (">80%").'
    )
