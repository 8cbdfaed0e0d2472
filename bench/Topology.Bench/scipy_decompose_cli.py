"""The scipy reference for `orchestrator topology decompose`, as a whole process.

Usage: /usr/bin/python3 scipy_decompose_cli.py W.npy
Loads W, decomposes it the way the method's public reference code does (minimum_spanning_tree on -W;
births = sorted tree weights, deaths = the remaining upper-triangle edges, sorted) and prints the same
JSON object as the CLI: n, births, deaths, totalPersistence0, totalPersistence1.
"""
import json
import sys

import numpy as np
from scipy.sparse.csgraph import minimum_spanning_tree


def main():
    w = np.load(sys.argv[1]).astype(np.float32)
    n = w.shape[0]
    tree = minimum_spanning_tree(-w).tocoo()
    births = np.sort(-tree.data).astype(np.float32)
    in_tree = np.zeros((n, n), dtype=bool)
    in_tree[tree.row, tree.col] = True
    in_tree |= in_tree.T
    upper = np.triu_indices(n, 1)
    deaths = np.sort(w[upper][~in_tree[upper]])
    json.dump({
        "n": n,
        "births": births.tolist(),
        "deaths": deaths.tolist(),
        "totalPersistence0": float(np.sum(births, dtype=np.float64)),
        "totalPersistence1": float(np.sum(deaths, dtype=np.float64)),
    }, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
