"""Betweenness shared among threads gives igraph's scores as one thread computes them, ties of path length
included."""
import igraph
import numpy as np
import pandas as pd
import pytest

from districtlab.analysis.knowledge_flow import betweenness, school_graph


def random_links(n, m, seed):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"source": rng.integers(0, n, m), "target": rng.integers(0, n, m),
                         "date": np.datetime64("2016-09-01"), "kind": "coaching",
                         "weight": rng.integers(1, 4, m).astype(float)})  # 1/2 + 1/2 = 1: paths of equal length


def igraphs(frame, n, weighted):
    """igraph's betweenness of nodes ``0 .. n - 1``, normalised as ``betweenness`` normalises."""
    pairs = school_graph(frame)
    graph = igraph.Graph(n=n, edges=pairs[["source", "target"]].to_numpy().tolist(), directed=True)
    scores = graph.betweenness(directed=True, weights=(1 / pairs["weight"]).tolist() if weighted else None)
    return pd.Series(scores, index=range(n)) / ((n - 1) * (n - 2))


@pytest.mark.parametrize("weighted", [True, False])
@pytest.mark.parametrize("n, m, seed", [(12, 40, 1), (60, 400, 2), (200, 8_000, 3)])
def test_the_scores_are_igraphs(n, m, seed, weighted):
    frame = random_links(n, m, seed)
    ours = betweenness(frame, nodes=range(n), weighted=weighted, workers=1)
    np.testing.assert_allclose(ours.reindex(range(n)), igraphs(frame, n, weighted), rtol=1e-9, atol=1e-15)


def test_sources_dealt_to_several_processes_give_the_same_scores_as_one():
    n = 200
    frame = random_links(n, 8_000, 13)
    one = betweenness(frame, nodes=range(n), workers=1)
    assert one.iloc[0] > 0
    for workers in (2, 3):
        shared = betweenness(frame, nodes=range(n), workers=workers)
        assert shared.index[:20].tolist() == one.index[:20].tolist()
        np.testing.assert_allclose(shared.reindex(one.index), one, rtol=1e-12, atol=1e-15)
    sampled = betweenness(frame, sample=50, workers=2), betweenness(frame, sample=50, workers=1)
    np.testing.assert_allclose(sampled[0].reindex(sampled[1].index), sampled[1], rtol=1e-12, atol=1e-15)
