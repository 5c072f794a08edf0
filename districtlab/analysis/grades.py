"""Grade bands from grade spans as schools write them ("PK-02", "K-5", "9-12", "6-11")."""
import re

_GRADE = {"PK": -1, "K": 0}


def _grade(token: str) -> int:
    token = token.strip().upper()
    if token in _GRADE:
        return _GRADE[token]
    return int(token)


def grade_band(grades: str) -> str:
    """The grade band a grade span falls in: Elementary (to grade 5, or K-6), Middle (6–8), High (9–12),
    K-8 (elementary through middle), Secondary (middle through high), K-12; "" if unreadable.

    >>> grade_band("PK-02"), grade_band("6-8"), grade_band("9-12"), grade_band("PK-8"), grade_band("6-11")
    ('Elementary', 'Middle', 'High', 'K-8', 'Secondary')
    """
    m = re.fullmatch(r"\s*(PK|K|\d{1,2})\s*[-–]\s*(PK|K|\d{1,2})\s*", grades or "", re.IGNORECASE)
    if not m:
        return ""
    low, high = _grade(m.group(1)), _grade(m.group(2))
    if high <= 5 or (high == 6 and low <= 0):
        return "Elementary"
    if low >= 9:
        return "High"
    if low >= 6:
        return "Middle" if high <= 8 else "Secondary"
    if high <= 8:
        return "K-8"
    return "K-12"
