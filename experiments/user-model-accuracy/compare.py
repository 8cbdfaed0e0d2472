"""Prints the side-by-side table of the accuracy comparison: PyTorch's pytorch.json against Orchestrator's epochs.csv.
    python3 compare.py OUT OUT/results/user-cnn-accuracy
"""
import csv
import json
import statistics
import sys

out, results = sys.argv[1], sys.argv[2]
pytorch = json.load(open(f"{out}/pytorch.json"))
ours = {}
for row in csv.DictReader(open(f"{results}/epochs.csv")):
    ours.setdefault(row["seed"], {})[int(row["epoch"])] = float(row["test_accuracy"])
seeds = sorted(pytorch["seeds"], key=int)
print(f"| epoch | PyTorch {pytorch['torch']} (mean of seeds {', '.join(seeds)}) | Orchestrator (same TorchScript file and initial weights) | difference (points) |")
print("|---|---|---|---|")
for epoch in range(1, pytorch["epochs"] + 1):
    p = [pytorch["seeds"][s]["accuracy"][epoch - 1] for s in seeds]
    o = [ours[s][epoch] for s in seeds]
    spread = lambda v: f"{100 * statistics.mean(v):.2f} % ({100 * min(v):.2f}–{100 * max(v):.2f})"
    print(f"| {epoch} | {spread(p)} | {spread(o)} | {100 * (statistics.mean(o) - statistics.mean(p)):+.2f} |")
