"""The compiled betweenness (``districtlab.analysis.brandes``) gives igraph's scores: links that a shorter path beats
are dropped without changing a score, and path lengths within igraph's tolerance count as the same length."""
import igraph
import numpy as np
import pandas as pd
import pytest

from districtlab.analysis.knowledge_flow import betweenness, school_graph


def frame_of(links):
    return pd.DataFrame([(s, t, "2016-09-01", "coaching", w) for s, t, w in links],
                        columns=["source", "target", "date", "kind", "weight"])


def igraphs(frame, n, weighted=True):
    pairs = school_graph(frame)
    graph = igraph.Graph(n=n, edges=pairs[["source", "target"]].to_numpy().tolist(), directed=True)
    scores = graph.betweenness(directed=True, weights=(1 / pairs["weight"]).tolist() if weighted else None)
    return pd.Series(scores, index=range(n)) / ((n - 1) * (n - 2))


def test_a_link_beaten_by_a_longer_chain_of_closer_links_carries_no_path():
    # 0 -> 4 directly (length 1) or through 1, 2, 3 (0.25 each): only the chain is a shortest path
    links = [(0, 1, 4), (1, 2, 4), (2, 3, 4), (3, 4, 4), (0, 4, 1)]
    ours = betweenness(frame_of(links), nodes=range(5), workers=1)
    assert ours[1] > 0 and ours[2] > ours[1]
    np.testing.assert_allclose(ours.reindex(range(5)), igraphs(frame_of(links), 5), rtol=1e-12)


def test_lengths_equal_within_igraphs_tolerance_are_two_shortest_paths():
    # 0 -> 1 -> 3 and 0 -> 2 -> 3 differ only in the last bit of a weight (3 and 3.000000000000001): floating point
    # makes their lengths two numbers, igraph (within 1e-10 of each other) one, and so do we
    third = 3.000000000000001
    assert 2 + 1 / 3 != 2 + 1 / third
    links = [(0, 1, 1), (1, 3, 3), (0, 2, 1), (2, 3, third)]
    ours = betweenness(frame_of(links), nodes=range(4), workers=1)
    assert ours[1] == ours[2] == pytest.approx(0.5 / 6)
    np.testing.assert_allclose(ours.reindex(range(4)), igraphs(frame_of(links), 4), rtol=1e-12)


@pytest.mark.parametrize("weighted", [True, False])
@pytest.mark.parametrize("workers", [1, 2])
def test_dense_graphs_with_many_ties_and_beaten_links_score_as_igraph(weighted, workers):
    rng = np.random.default_rng(2016)
    n, m = 150, 6_000  # more than 64 sources: several rounds, each dropping the links it found beaten
    frame = pd.DataFrame({"source": rng.integers(0, n, m), "target": rng.integers(0, n, m),
                          "date": np.datetime64("2016-09-01"), "kind": "coaching",
                          "weight": rng.choice([1.0, 2.0, 4.0], m)})  # lengths 1, 1/2, 1/4: sums tie often
    ours = betweenness(frame, nodes=range(n), weighted=weighted, workers=workers)
    expected = igraphs(frame, n, weighted)
    np.testing.assert_allclose(ours.reindex(range(n)), expected, rtol=1e-9, atol=1e-15)
    assert ours.index[:10].tolist() == expected.sort_values(ascending=False, kind="stable").index[:10].tolist()
