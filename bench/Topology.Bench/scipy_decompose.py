"""The reference decomposition path with scipy, timed inside Python.

Usage: /usr/bin/python3 scipy_decompose.py W.npy OTHER.npy WARMUPS REPETITIONS
Decomposes W the way the method's public reference code does (minimum_spanning_tree on -W; births
are the tree weights, deaths the remaining upper-triangle edges, both sorted) and computes the
2-Wasserstein distance to OTHER's decomposition (computed once, untimed). Prints one JSON line.
"""
import json
import sys
import time

import numpy as np
from scipy.sparse.csgraph import minimum_spanning_tree


def decompose(w):
    n = w.shape[0]
    tree = minimum_spanning_tree(-w).tocoo()
    births = np.sort(-tree.data)
    in_tree = np.zeros((n, n), dtype=bool)
    in_tree[tree.row, tree.col] = True
    in_tree |= in_tree.T
    upper = np.triu_indices(n, 1)
    deaths = np.sort(w[upper][~in_tree[upper]])
    return births, deaths


def main():
    w = np.load(sys.argv[1])
    other = decompose(np.load(sys.argv[2]))
    warmups, repetitions = int(sys.argv[3]), int(sys.argv[4])
    times = []
    result = None
    for k in range(warmups + repetitions):
        start = time.perf_counter()
        births, deaths = decompose(w)
        w0 = np.sqrt(np.sum((births.astype(np.float64) - other[0]) ** 2))
        w1 = np.sqrt(np.sum((deaths.astype(np.float64) - other[1]) ** 2))
        elapsed = time.perf_counter() - start
        if k >= warmups:
            times.append(elapsed * 1000)
        result = (births, deaths, w0, w1)
    births, deaths, w0, w1 = result
    print(json.dumps({
        "median_ms": float(np.median(times)),
        "births": int(births.size),
        "deaths": int(deaths.size),
        "total0": float(np.sum(births, dtype=np.float64)),
        "total1": float(np.sum(deaths, dtype=np.float64)),
        "w0": float(w0),
        "w1": float(w1),
    }))


if __name__ == "__main__":
    main()
