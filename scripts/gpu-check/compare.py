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


# The report's epochs are the shared EpochRecord (losses / signals / seconds); reports written before it
# (experiments/results/gpu-check-h100) had flat fields, which these still read.
def loss(epoch):
    return epoch["losses"]["training"] if "losses" in epoch else epoch["trainingLoss"]


def seconds(epoch, phase):
    return epoch["seconds"][phase] if "seconds" in epoch else epoch["seconds" + phase[0].upper() + phase[1:]]


def distance(epoch):
    return epoch["signals"]["distance"] if "signals" in epoch else epoch["w"]


def topo(epoch):
    return seconds(epoch, "probe") + seconds(epoch, "connectome") + seconds(epoch, "decomposition")


def later_mean(report):
    """Mean training seconds per epoch after the first (which pays for CUDA's start-up)."""
    return mean([seconds(e, "train") for e in report["epochs"][1:]])


def pytorch_reference(folder, reports):
    path = os.path.join(folder, "pytorch.jsonl")
    if not os.path.exists(path):
        return
    print(f"\nthe same MLP in PyTorch on this machine (training s/epoch, mean after a warm-up epoch)\n"
          f"{'samples':>7} {'device':>6} {'threads':>7} {'ours':>7} {'PyTorch':>8} {'ours/PyTorch':>12}")
    with open(path, encoding="utf-8") as f:
        for line in f:
            ref = json.loads(line)
            ours = reports.get((ref["samples"], ref["device"]))
            mine = later_mean(ours) if ours else float("nan")
            print(f"{ref['samples']:>7} {ref['device']:>6} {ref['threads']:>7} {mine:>7.3f} {ref['mean']:>8.3f} "
                  f"{mine / ref['mean']:>12.2f}   (PyTorch {ref['torch']})")


def cnn_comparison(folder):
    cuda, cpu, full = load(folder, "cnn-cuda"), load(folder, "cnn-cpu"), load(folder, "cnn-cuda-full")
    if cuda is None or cpu is None:
        return
    print(f"\nVGG (vgg-small) on Fashion-MNIST in the CIFAR-10 binary format, 10 %\n"
          f"{'epoch':>5} {'loss cpu':>10} {'loss cuda':>10} {'rel diff':>9} {'train s cpu':>11} {'train s cuda':>12} "
          f"{'topo s cpu':>10} {'topo s cuda':>11}")
    for i, b in enumerate(cuda["epochs"]):
        a = cpu["epochs"][i] if i < len(cpu["epochs"]) else None
        if a is None:
            print(f"{b['epoch']:>5} {'':>10} {loss(b):>10.5f} {'':>9} {'':>11} {seconds(b, 'train'):>12.3f} {'':>10} {topo(b):>11.4f}")
            continue
        rel = abs(loss(a) - loss(b)) / abs(loss(a))
        print(f"{a['epoch']:>5} {loss(a):>10.5f} {loss(b):>10.5f} {rel:>9.2e} {seconds(a, 'train'):>11.3f} "
              f"{seconds(b, 'train'):>12.3f} {topo(a):>10.4f} {topo(b):>11.4f}")
    print(f"test accuracy: cpu {cpu['summary']['testAccuracy']:.4f} after {cpu['summary']['epochsRun']} epochs, "
          f"cuda {cuda['summary']['testAccuracy']:.4f} after {cuda['summary']['epochsRun']}")
    if full is not None:
        print(f"all 50,000 on cuda: {later_mean(full):.3f} s/epoch training after the first, "
              f"test accuracy {full['summary']['testAccuracy']:.4f} after {full['summary']['epochsRun']} epochs")


def main(folder):
    cuda, cpu = load(folder, "cuda"), load(folder, "cpu")
    if cuda is None or cpu is None:
        print("compare.py: cuda.json or cpu.json is missing: a run failed (see above)")
        return 1
    print(f"\n{'epoch':>5} {'loss cpu':>10} {'loss cuda':>10} {'rel diff':>9} {'w cpu':>8} {'w cuda':>8} "
          f"{'train s cpu':>11} {'train s cuda':>12} {'topo s cpu':>10} {'topo s cuda':>11}")
    differences = []
    for a, b in zip(cpu["epochs"], cuda["epochs"]):
        rel = abs(loss(a) - loss(b)) / abs(loss(a))
        differences.append(rel)
        w = lambda e: "–" if distance(e) is None else f"{distance(e):.4f}"
        print(f"{a['epoch']:>5} {loss(a):>10.5f} {loss(b):>10.5f} {rel:>9.2e} {w(a):>8} {w(b):>8} "
              f"{seconds(a, 'train'):>11.3f} {seconds(b, 'train'):>12.3f} {topo(a):>10.4f} {topo(b):>11.4f}")
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
            print(f"{name}: {s['epochsRun']} epochs, stop '{s['stopReason']}', test accuracy {s['testAccuracy']:.4f}, "
                  f"{later_mean(report):.3f} s/epoch training after the first, {s['secondsPerEpochTopology']:.4f} s/epoch topology")
    reports = {(6000, "cuda"): cuda, (6000, "cpu"): cpu,
               (60000, "cuda"): load(folder, "cuda-full"), (60000, "cpu"): load(folder, "cpu-full")}
    pytorch_reference(folder, reports)
    cnn_comparison(folder)
    ok = differences[0] <= FIRST_EPOCH_RELATIVE and max(differences) <= ANY_EPOCH_RELATIVE \
        and abs(accuracy[0] - accuracy[1]) <= ACCURACY_POINTS
    print(f"loss agreement: epoch 1 {differences[0]:.2e} (≤ {FIRST_EPOCH_RELATIVE}), worst {max(differences):.2e} "
          f"(≤ {ANY_EPOCH_RELATIVE}); accuracy gap {abs(accuracy[0] - accuracy[1]):.4f} (≤ {ACCURACY_POINTS}): "
          + ("AGREE" if ok else "DISAGREE"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
