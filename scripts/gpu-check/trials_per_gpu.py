"""Summarises scripts/gpu-check/trials-per-gpu.sh: one row per (monitoring, trials on the GPU).

Usage: python3 trials_per_gpu.py RESULTS_DIR
Per-trial epoch time is the median over trials of each trial's median epoch (train + on-path monitoring);
aggregate epochs per second = all trials' epochs / wall time of the batch (process start included, so it is
pessimistic for short runs); the ratio is to the single-trial aggregate of the same monitoring.
"""
import glob
import json
import os
import statistics
import sys


def main(results):
    rows = []
    for directory in sorted(glob.glob(os.path.join(results, "*-*"))):
        wall_file = os.path.join(directory, "wall.json")
        if not os.path.exists(wall_file):
            continue
        wall = json.load(open(wall_file))
        epochs, per_trial, on_path, train = 0, [], [], []
        for report in glob.glob(os.path.join(directory, "trial-*.json")):
            data = json.load(open(report))
            records = data["epochs"][1:] or data["epochs"]  # the first epoch includes CUDA warm-up
            epochs += len(data["epochs"])
            per_trial.append(statistics.median(r["seconds"]["train"] + r["seconds"]["monitoringOnPath"] for r in records))
            on_path.extend(r["seconds"]["monitoringOnPath"] for r in records)
            train.extend(r["seconds"]["train"] for r in records)
        if not per_trial:
            continue
        rows.append((wall["monitoring"], wall["trials"], len(per_trial), epochs / wall["wall"], statistics.median(per_trial),
                     statistics.median(on_path) / statistics.median(train)))
    single = {m: a for m, n, _, a, _, _ in rows if n == 1}
    print("| monitoring | trials on GPU 0 | finished | aggregate epochs/s | × one trial | per-trial epoch s (median) | on-path monitoring / training |")
    print("|---|---|---|---|---|---|---|")
    for m, n, finished, aggregate, epoch, share in sorted(rows, key=lambda r: (r[0], r[1])):
        ratio = aggregate / single[m] if m in single else float("nan")
        print(f"| {m} | {n} | {finished} | {aggregate:.2f} | {ratio:.2f}× | {epoch:.3f} | {share * 100:.1f} % |")


if __name__ == "__main__":
    main(sys.argv[1])
