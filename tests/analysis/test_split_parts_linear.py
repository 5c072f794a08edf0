"""Splitting a series into its parts is linear in the points and gives what the plain definition gives."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from districtlab.analysis.runchart import consecutive, split_parts


def reference(xs, ys, parts):
    """The definition, said plainly: a new part at each change of label; a label seen before is an error."""
    labels = list(parts) if parts is not None else [""] * len(ys)
    out = []
    for x, y, label in zip(xs, ys, labels):
        label = "" if label is None else str(label)
        if not out or out[-1][0] != label:
            if any(p[0] == label for p in out):
                raise ValueError(f'Part "{label}" appears again after another part: parts must be consecutive.')
            out.append((label, [], []))
        out[-1][1].append(x)
        out[-1][2].append(y)
    return out


def outcome(call):
    try:
        return call()
    except ValueError as exc:
        return str(exc)


labels = st.one_of(st.none(), st.sampled_from(["", "a", "b", "after idea 2"]), st.integers(0, 3))


@given(st.lists(st.tuples(st.integers(), st.floats(allow_nan=False), labels), max_size=30), st.booleans())
def test_split_parts_is_the_definition(rows, without_parts):
    xs, ys, parts = [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]
    parts = None if without_parts else parts
    assert outcome(lambda: split_parts(xs, ys, parts)) == outcome(lambda: reference(xs, ys, parts))


@given(st.lists(st.tuples(labels, st.integers()), max_size=30))
def test_parts_read_one_at_a_time_are_the_same_parts(pairs):
    expected = outcome(lambda: [(label, ys) for label, _, ys in reference([0] * len(pairs), [i for _, i in pairs],
                                                                         [label for label, _ in pairs])])
    assert outcome(lambda: list(consecutive(pairs))) == expected


def test_a_part_coming_back_is_refused_even_after_many():
    labels = [str(i) for i in range(50_000)] + ["7"]
    with pytest.raises(ValueError, match='Part "7" appears again'):
        split_parts(range(len(labels)), [1.0] * len(labels), labels)
