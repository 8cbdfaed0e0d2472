"""Compares the CUDA and CPU reports of scripts/gpu-check/run.sh: per-epoch losses, distances and times.

Both runs start from the same weights and batch order (initialised on the host from the seed), so they
differ only by floating-point order of operations: the first epoch's loss must agree closely, later
epochs drift apart slowly (SGD amplifies rounding differences), test accuracy must stay close.
"""
import json
import os
import sys

FIRST_EPOCH_RELATIVE = 0.005  # float32 reductions in another order, over one epoch of 120 steps
ANY_EPOCH_RELATIVE = 0.05     # trajectories drift, but not to another loss level
ACCURACY_POINTS = 0.015


def load(folder, name):
    path = os.path.join(folder, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def mean(values):
    return sum(values) / len(values) if values else float("nan")


def main(folder):
    cuda, cpu = load(folder, "cuda"), load(folder, "cpu")
    if cuda is None or cpu is None:
        print("compare.py: cuda.json or cpu.json is missing: a run failed (see above)")
        return 1
    print(f"\n{'epoch':>5} {'loss cpu':>10} {'loss cuda':>10} {'rel diff':>9} {'w cpu':>8} {'w cuda':>8} "
          f"{'train s cpu':>11} {'train s cuda':>12} {'topo s cpu':>10} {'topo s cuda':>11}")
    differences = []
    for a, b in zip(cpu["epochs"], cuda["epochs"]):
        rel = abs(a["trainingLoss"] - b["trainingLoss"]) / abs(a["trainingLoss"])
        differences.append(rel)
        topo = lambda e: e["secondsProbe"] + e["secondsConnectome"] + e["secondsDecomposition"]
        w = lambda e: "–" if e["w"] is None else f"{e['w']:.4f}"
        print(f"{a['epoch']:>5} {a['trainingLoss']:>10.5f} {b['trainingLoss']:>10.5f} {rel:>9.2e} {w(a):>8} {w(b):>8} "
              f"{a['secondsTrain']:>11.3f} {b['secondsTrain']:>12.3f} {topo(a):>10.4f} {topo(b):>11.4f}")
    accuracy = (cpu["summary"]["testAccuracy"], cuda["summary"]["testAccuracy"])
    print(f"test accuracy: cpu {accuracy[0]:.4f}, cuda {accuracy[1]:.4f}")
    for name, report in (("cpu", cpu), ("cuda", cuda)):
        s = report["summary"]
        print(f"{name:>4}: {s['secondsPerEpochTrain']:.3f} s/epoch training, {s['secondsPerEpochTopology']:.4f} s/epoch topology "
              f"(means over all epochs, first included)")
    for name in ("cuda-top", "cuda-full", "cpu-full"):
        report = load(folder, name)
        if report is not None:
            s = report["summary"]
            later = [e["secondsTrain"] for e in report["epochs"][1:]]
            print(f"{name}: {s['epochsRun']} epochs, stop '{s['stopReason']}', test accuracy {s['testAccuracy']:.4f}, "
                  f"{mean(later):.3f} s/epoch training after the first, {s['secondsPerEpochTopology']:.4f} s/epoch topology")
    ok = differences[0] <= FIRST_EPOCH_RELATIVE and max(differences) <= ANY_EPOCH_RELATIVE \
        and abs(accuracy[0] - accuracy[1]) <= ACCURACY_POINTS
    print(f"loss agreement: epoch 1 {differences[0]:.2e} (≤ {FIRST_EPOCH_RELATIVE}), worst {max(differences):.2e} "
          f"(≤ {ANY_EPOCH_RELATIVE}); accuracy gap {abs(accuracy[0] - accuracy[1]):.4f} (≤ {ACCURACY_POINTS}): "
          + ("AGREE" if ok else "DISAGREE"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
