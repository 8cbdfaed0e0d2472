#!/usr/bin/env bash
# Several trials on one GPU (issue 17, part 3), on a CUDA machine with PyTorch, from the repository root after
# scripts/gpu-check/pack.sh. For N = 1, 2, 4, 8, 16 it starts N `train` processes at once on GPU 0
# (Fashion-MNIST 10 %, MLP 784-256-128-10, batch 50, 8 epochs, --stop none), with and without TOP's
# monitoring (--record-topology: probe, connectome on the GPU, decomposition off the training path), then one
# sweep on the embedded silo with --gpus 0:8 (the slot packing itself). trials_per_gpu.py prints the table:
# aggregate epochs per second, per-trial epoch time, the ratio to one trial, and TOP's on-path share.
# Targets: ≥ 6× the single-trial aggregate at 8 trials; TOP's on-path monitoring ≤ 5 % of an epoch.
# About 4 minutes on an H100. Leaves trials-per-gpu.tar.gz under $OUT (or ./gpu-check-results).
set -u
repo=$(pwd)
out=${OUT:-$repo/gpu-check-results}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results="$work/results"
mkdir -p "$out" "$work/data" "$results"
tar -C "$work" -xJf "$repo/.gpu/worker.tar.xz" && tar -C "$work/data" -xJf "$repo/.gpu/fashion-mnist.tar.xz" \
  || { echo "trials-per-gpu.sh: .gpu/ is missing or incomplete; run scripts/gpu-check/pack.sh first" >&2; exit 2; }
libtorch=$(python3 -c "import torch,os;print(os.path.dirname(torch.__file__)+'/lib')") || { echo "no PyTorch here" >&2; exit 2; }
python3 -c "import torch;print('PyTorch', torch.__version__, '| CUDA', torch.version.cuda, '|', torch.cuda.get_device_name(0))"
nvidia-smi --query-gpu=name,memory.total,utilization.gpu --format=csv,noheader || true
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
export CUDA_VISIBLE_DEVICES=${CUDA_VISIBLE_DEVICES:-0}  # every train process on GPU 0 (device cuda = the current one)
worker="$work/worker/orchestrator-silo"
cli="$work/worker/orchestrator"
epochs=${EPOCHS:-8}
failures=0

for monitoring in none top; do
  extra=()
  [ "$monitoring" = top ] && extra=(--record-topology)
  for n in 1 2 4 8 16; do
    dir="$results/$monitoring-$n"
    mkdir -p "$dir"
    started=$(date +%s.%N)
    pids=()
    for ((i = 0; i < n; i++)); do
      "$worker" train --dataset fashion-mnist --fraction 0.1 --seed "$i" --data-dir "$work/data" --stop none \
        --epochs "$epochs" --device cuda --libtorch "$libtorch" "${extra[@]}" --json "$dir/trial-$i.json" > "$dir/trial-$i.log" 2>&1 &
      pids+=($!)
    done
    # Sample GPU utilisation and memory while they run.
    (while sleep 1; do nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv,noheader,nounits >> "$dir/nvidia-smi.csv" 2>/dev/null || break; done) &
    sampler=$!
    for pid in "${pids[@]}"; do wait "$pid" || failures=$((failures + 1)); done
    kill "$sampler" 2>/dev/null
    ended=$(date +%s.%N)
    echo "{\"monitoring\": \"$monitoring\", \"trials\": $n, \"wall\": $(python3 -c "print($ended - $started)")}" > "$dir/wall.json"
    echo "=== $monitoring × $n: $(python3 -c "print(round($ended - $started, 1))") s"
  done
done

# The slot packing on the real silo: 8 trials at once on GPU 0 through --gpus 0:8.
cat > "$work/packed-sweep.json" <<JSON
{ "name": "gpu-packed", "dataset": "fashion-mnist", "fractions": [0.1], "model": "mlp-fashion",
  "grid": { "lr": [0.01], "seed": [0, 1, 2, 3, 4, 5, 6, 7] },
  "stopping": [ { "method": "top", "parameters": {} } ],
  "maxEpochs": $epochs, "probeSize": 1000, "concurrency": 8, "device": "cuda", "checkpointEvery": 5 }
JSON
export ORCHESTRATOR_SILO_PATH="$worker"
started=$SECONDS
ORCHESTRATOR_LIBTORCH_DIR="$libtorch" "$cli" local run "$work/packed-sweep.json" --results "$results/sweep" \
  --checkpoints "$work/checkpoints" --data-dir "$work/data" --gpus 0:8 > "$results/sweep.log" 2>&1 || failures=$((failures + 1))
echo "=== sweep --gpus 0:8: $((SECONDS - started)) s"; tail -5 "$results/sweep.log"

python3 "$repo/scripts/gpu-check/trials_per_gpu.py" "$results" | tee "$results/table.md"
tar -C "$work" -czf "$out/trials-per-gpu.tar.gz" results
echo "runs that failed: $failures"
