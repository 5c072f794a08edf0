"""Numbers in the words of a message a person reads ("1 item", "2,000 rows", "there are 3 coders"): one rule for
every analysis and command."""


def plural(n: int, word: str) -> str:
    """``n`` and ``word``, with an s unless there is one.

    >>> plural(1, "item"), plural(2_000, "row"), plural(0, "coder")
    ('1 item', '2,000 rows', '0 coders')
    """
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def is_are(n: int, word: str) -> str:
    """``plural`` after the verb that agrees with it.

    >>> is_are(1, "unit"), is_are(3, "unit")
    ('is 1 unit', 'are 3 units')
    """
    return ("is " if n == 1 else "are ") + plural(n, word)
