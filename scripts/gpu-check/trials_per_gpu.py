"""Summarises scripts/gpu-check/trials-per-gpu.sh: one row per (path, monitoring, trials on the GPU).

Usage: python3 trials_per_gpu.py RESULTS_DIR

Each part left RESULTS_DIR/<path>-<monitoring>-<N>/wall.json, and either a sweep's results folder (path `silo` or
`admission`: <sweep>/epochs.csv, trials.csv, <sweep>.silo.log) or N `train --json` reports (path `process`).
- per-trial epoch: a trial's median loop epoch (train_s + monitoring_on_path_s) after its first (CUDA warm-up), median
  over the trials;
- aggregate epochs/s (training): all trials' epochs / the longest trial's summed loop epochs (the trials run at once,
  so this is the rate while they all train, without process or silo start-up); the ratio × one trial is on this;
- aggregate epochs/s (wall): all trials' epochs / wall time of the whole part (start-up, data loading, test pass included);
- TOP's overhead: TOP's per-trial epoch / none's at the same path and N, minus 1 (target ≤ 5 %);
- GPU: mean utilisation and the most memory used, sampled once a second by nvidia-smi.
"""
import csv
import glob
import json
import os
import re
import statistics
import sys


def median(values):
    return statistics.median(values) if values else float("nan")


def from_sweep(directory):
    """Per trial: (its loop epoch seconds list, on-path seconds list) from the sweep's epochs.csv."""
    trials = {}
    for path in glob.glob(os.path.join(directory, "*", "epochs.csv")):
        with open(path, newline="") as handle:
            for row in csv.DictReader(handle):
                on_path = float(row.get("monitoring_on_path_s") or 0)
                epoch = float(row["train_s"] or 0) + on_path
                trials.setdefault(row["trial_id"], ([], []))
                trials[row["trial_id"]][0].append(epoch)
                trials[row["trial_id"]][1].append(on_path)
    return trials


def from_processes(directory):
    trials = {}
    for path in glob.glob(os.path.join(directory, "trial-*.json")):
        data = json.load(open(path))
        seconds = [r["seconds"] for r in data["epochs"]]
        trials[path] = ([s["train"] + s["monitoringOnPath"] for s in seconds], [s["monitoringOnPath"] for s in seconds])
    return trials


def gpu_samples(directory):
    util, memory = [], []
    path = os.path.join(directory, "nvidia-smi.csv")
    if os.path.exists(path):
        for line in open(path):
            parts = [p.strip() for p in line.split(",")]
            if len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit():
                util.append(int(parts[0]))
                memory.append(int(parts[1]))
    return (statistics.mean(util) if util else None, max(memory) if memory else None)


def peaks(directory):
    found = []
    for path in glob.glob(os.path.join(directory, "*.silo.log")):
        found += [int(m) for m in re.findall(r"took (\d+) MiB of GPU \d+ in its first epoch", open(path, errors="replace").read())]
    return found


def main(results):
    rows = []
    for directory in sorted(glob.glob(os.path.join(results, "*-*-*"))):
        wall_file = os.path.join(directory, "wall.json")
        if not os.path.exists(wall_file):
            continue
        wall = json.load(open(wall_file))
        trials = from_processes(directory) if wall["path"] == "process" else from_sweep(directory)
        if not trials:
            rows.append(dict(wall, finished=0))
            continue
        epochs = sum(len(e) for e, _ in trials.values())
        steady = [e[1:] or e for e, _ in trials.values()]
        on_path = [p[1:] or p for _, p in trials.values()]
        util, memory = gpu_samples(directory)
        rows.append(dict(
            wall,
            finished=len(trials),
            epochs=epochs,
            epoch=median([median(e) for e in steady]),
            on_path=median([x for p in on_path for x in p]),
            training_rate=epochs / max(sum(e) for e, _ in trials.values()),
            wall_rate=epochs / wall["wall"],
            util=util,
            memory=memory,
            peaks=peaks(directory)))

    def key(r):
        return (r["path"], r["monitoring"], r["trials"])

    by_key = {key(r): r for r in rows}
    print("| path | monitoring | trials on GPU 0 | finished | aggregate epochs/s (training) | × one trial | aggregate epochs/s (wall) "
          "| per-trial epoch s | on-path monitoring s | TOP's overhead vs none | GPU util % (mean) | GPU MiB (max) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in sorted(rows, key=key):
        if not r.get("finished"):
            print(f"| {r['path']} | {r['monitoring']} | {r['trials']} | 0 (failed) | | | | | | | | |")
            continue
        single = by_key.get((r["path"], r["monitoring"], 1))
        ratio = f"{r['training_rate'] / single['training_rate']:.2f}×" if single and single.get("finished") else "–"
        none = by_key.get(("silo" if r["path"] == "admission" else r["path"], "none", r["trials"]))
        overhead = f"{(r['epoch'] / none['epoch'] - 1) * 100:+.1f} %" if r["monitoring"] == "top" and none and none.get("finished") else "–"
        util = f"{r['util']:.0f}" if r["util"] is not None else "–"
        memory = str(r["memory"]) if r["memory"] is not None else "–"
        print(f"| {r['path']} | {r['monitoring']} | {r['trials']} | {r['finished']} | {r['training_rate']:.2f} | {ratio} | {r['wall_rate']:.2f} "
              f"| {r['epoch']:.4f} | {r['on_path']:.4f} | {overhead} | {util} | {memory} |")

    print()
    eight = by_key.get(("silo", "none", 8))
    one = by_key.get(("silo", "none", 1))
    if eight and one and eight.get("finished") and one.get("finished"):
        ratio = eight["training_rate"] / one["training_rate"]
        print(f"Target ≥ 6× the single-trial aggregate at 8 trials (silo, none): {ratio:.2f}× — {'met' if ratio >= 6 else 'missed'}.")
    tops = [r for r in rows if r["path"] == "silo" and r["monitoring"] == "top" and r.get("finished")]
    for r in tops:
        none = by_key.get(("silo", "none", r["trials"]))
        if none and none.get("finished"):
            overhead = r["epoch"] / none["epoch"] - 1
            print(f"TOP's overhead at {r['trials']} trials (silo): {overhead * 100:+.1f} % of an epoch — {'met' if overhead <= 0.05 else 'missed'} (target ≤ 5 %).")
    for r in rows:
        if r["path"] == "admission":
            measured = r.get("peaks") or []
            plain = by_key.get(("silo", r["monitoring"], r["trials"]))
            cost = f"; wall {r['wall']:.1f} s against {plain['wall']:.1f} s without admission" if plain else ""
            if measured:
                print(f"Memory admission ({r['trials']} trials, margin 20 %): {len(measured)} first-epoch peaks measured, "
                      f"{min(measured)}–{max(measured)} MiB (median {statistics.median(measured):.0f}){cost}.")
            else:
                print(f"Memory admission ({r['trials']} trials): no first-epoch peak measured (exit code {r.get('exitCode')}){cost}.")
    skipped_file = os.path.join(results, "skipped.txt")
    skipped = [line.strip() for line in open(skipped_file)] if os.path.exists(skipped_file) else []
    skipped = [s for s in skipped if s]
    if skipped:
        print(f"Skipped over the time budget: {', '.join(skipped)}.")
    run_file = os.path.join(results, "run.txt")
    if os.path.exists(run_file):
        print(open(run_file).read().strip())


if __name__ == "__main__":
    main(sys.argv[1])
