"""Exact weighted betweenness at district scale: Brandes' algorithm compiled (numba), on plain arrays.

The graph is given as compressed rows: the out-links of node ``u`` are ``targets[indptr[u]:indptr[u + 1]]`` with
their ``lengths``; nodes are ``0 .. n - 1``. No Python object is made per link or per path.

What makes it fast on the dense graphs a district's learning links make (1,800 schools, a million links, up to
860,000 distinct pairs):

- **Links on no shortest path are dropped.** A link ``u → v`` longer than some path from ``u`` to ``v`` carries no
  shortest path, so removing it changes no distance, no path count and no score (the "hidden paths" observation of
  Karger, Koller and Phillips [2]_). :func:`essential` drops those beaten by a path of two links before the sources
  are run, and each source's own Dijkstra tells which of its out-links a longer path beat (:func:`betweenness`'s
  ``keep``), so the sources run later read fewer links. A margin (``tol``) far above rounding keeps every link that
  could tie with a shortest path.
- **Ties as igraph decides them**: two path lengths are the same when their relative difference is under 1e-10
  (igraph's ``IGRAPH_SHORTEST_PATH_EPSILON``), distances counted from 1 at the source as igraph counts them, so the
  scores are igraph's (tested against ``igraph.Graph.betweenness``).
- A tournament tree as the priority queue (one slot per node: no stale entries), and the kernel releases the GIL,
  so several threads share one graph without copying or pickling it.

References
----------
.. [1] U. Brandes, "A faster algorithm for betweenness centrality", Journal of Mathematical Sociology 25(2),
   163-177, 2001.
.. [2] D. R. Karger, D. Koller and S. J. Phillips, "Finding the hidden path: time bounds for all-pairs shortest
   paths", SIAM Journal on Computing 22(6), 1199-1217, 1993.

Examples
--------
A path 0 → 1 → 2 of length-1 links: node 1 is on the one path from 0 to 2.

>>> import numpy as np
>>> indptr, targets, lengths = np.array([0, 1, 2, 2]), np.array([1, 2], np.uint32), np.array([1.0, 1.0])
>>> keep = np.ones(2, dtype=bool)
>>> betweenness(indptr, targets, lengths, np.arange(3), 3, 1e-6, keep).tolist()
[0.0, 1.0, 0.0]
"""
import numba
import numpy as np

EPS = 1e-10  # igraph's IGRAPH_SHORTEST_PATH_EPSILON: relative difference under which two lengths are equal
_FAR = (1 + EPS) / (1 - EPS) * (1 + 1e-15)  # alt > cur * _FAR: surely longer, without the division


@numba.njit(cache=True, nogil=True)
def essential(indptr, targets, lengths, n, tol, first, last, keep):  # pragma: no cover (compiled)
    """Clear ``keep[e]`` for the out-links ``e`` of nodes ``first .. last - 1`` that a path of two links beats by
    more than ``tol``: such a link is on no shortest path."""
    best = np.full(n, np.inf)
    for u in range(first, last):
        lo, hi = indptr[u], indptr[u + 1]
        if hi - lo < 2:
            continue
        limit = -np.inf
        for e in range(lo, hi):
            limit = max(limit, lengths[e])
        limit -= tol
        for e in range(lo, hi):  # every two-link path shorter than u's longest link
            x = targets[e]
            if lengths[e] >= limit:
                continue
            for f in range(indptr[x], indptr[x + 1]):
                best[targets[f]] = min(best[targets[f]], lengths[e] + lengths[f])
        for e in range(lo, hi):
            if lengths[e] > best[targets[e]] + tol:
                keep[e] = False
        for e in range(lo, hi):
            if lengths[e] < limit:
                x = targets[e]
                for f in range(indptr[x], indptr[x + 1]):
                    best[targets[f]] = np.inf
    return keep


@numba.njit(cache=True, nogil=True)
def betweenness(indptr, targets, lengths, sources, n, tol, keep, hops=False):  # pragma: no cover (compiled)
    """Unnormalised betweenness of every node from the shortest paths leaving ``sources`` (Brandes [1]_, with
    Dijkstra and igraph's rule for ties; with ``hops``, every length 1, breadth first). Clears ``keep[e]`` for
    each source's out-links ``e`` longer than a shortest path by more than ``tol``."""
    out = np.zeros(n)
    dist = np.empty(n)  # 1 + the distance from the source (as igraph counts), inf while unreached
    sigma = np.empty(n)  # number of shortest paths
    delta = np.empty(n)  # dependency
    epoch = np.zeros(n, np.int64)  # how often dist[v] went down: log entries of an earlier epoch are void
    order = np.empty(n, np.int64)  # nodes in the order they were settled (with hops, also the queue)
    leaves = 1
    while leaves < n:
        leaves *= 2
    key = np.empty(2 * leaves)  # tournament tree: key[i] the smallest key below i, node[i] whose it is
    node = np.zeros(2 * leaves, np.int64)
    for v in range(leaves):
        node[leaves + v] = v
    cap = targets.shape[0] + 1
    log_to = np.empty(cap, np.int64)  # links u -> v that reached v by a shortest path so far, in order
    log_from = np.empty(cap, np.int64)
    log_epoch = np.empty(cap, np.int64)
    for s in sources:
        dist[:] = np.inf
        sigma[:] = 0.0
        delta[:] = 0.0
        key[:] = np.inf
        dist[s] = 1.0
        sigma[s] = 1.0
        i = leaves + s
        while i:
            key[i] = 1.0
            node[i] = s
            i >>= 1
        settled = 0
        logged = 0
        queued = 1  # with hops: order[settled:queued] is the queue
        order[0] = s
        while settled < queued if hops else key[1] < np.inf:
            if hops:  # every length 1: the first path found is a shortest one, nodes settle first come first
                u = order[settled]
                d = dist[u]
            else:
                d = key[1]
                u = node[1]
                i = leaves + u  # u leaves the tournament
                key[i] = np.inf
                i >>= 1
                while i:
                    a = 2 * i
                    if key[a] <= key[a + 1]:
                        key[i] = key[a]
                        node[i] = node[a]
                    else:
                        key[i] = key[a + 1]
                        node[i] = node[a + 1]
                    i >>= 1
                order[settled] = u
            settled += 1
            su = sigma[u]
            for e in range(np.uint64(indptr[u]), np.uint64(indptr[u + 1])):  # the hot loop
                v = targets[e]
                alt = d + lengths[e]
                cur = dist[v]
                if alt > cur * _FAR:
                    continue
                if alt == cur or abs(alt - cur) < EPS * (alt + cur):  # as long: one more shortest path
                    sigma[v] += su
                elif alt < cur:  # shorter: the paths through u are the only shortest ones so far
                    dist[v] = alt
                    sigma[v] = su
                    epoch[v] += 1
                    if hops:
                        order[queued] = v
                        queued += 1
                    else:
                        i = leaves + v
                        key[i] = alt
                        i >>= 1
                        while i and alt < key[i]:
                            key[i] = alt
                            node[i] = v
                            i >>= 1
                else:
                    continue
                log_to[logged] = v
                log_from[logged] = u
                log_epoch[logged] = epoch[v]
                logged += 1
        for j in range(logged - 1, -1, -1):  # each link's head settled after its tail: backwards is in order
            w = log_to[j]
            if log_epoch[j] == epoch[w]:
                u = log_from[j]
                delta[u] += sigma[u] / sigma[w] * (1.0 + delta[w])
        for j in range(settled):
            w = order[j]
            if w != s:
                out[w] += delta[w]
        for e in range(indptr[s], indptr[s + 1]):
            if lengths[e] > dist[targets[e]] - 1.0 + tol:
                keep[e] = False
    return out
