#!/usr/bin/env bash
# The GPU check of the training engine, run on a CUDA machine with PyTorch (no .NET needed) from the
# repository root after pack.sh: Fashion-MNIST 10 % on CUDA and on the CPU of the same machine, same seed,
# then compare.py prints the per-epoch losses side by side, their agreement and the epoch times. Beside
# that: the same MLP in PyTorch on the same GPU and CPU, the VGG network on Fashion-MNIST rewritten in the
# CIFAR-10 binary format, and a sweep on the embedded silo with --gpus.
# Leaves the reports in gpu-check.tar.gz under $OUT (the device tool's output folder) or ./gpu-check-results.
set -u
repo=$(pwd)
out=${OUT:-$repo/gpu-check-results}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results="$work/results"
mkdir -p "$out" "$work/data" "$results"
tar -C "$work" -xJf "$repo/.gpu/worker.tar.xz" && tar -C "$work/data" -xJf "$repo/.gpu/fashion-mnist.tar.xz" \
  || { echo "run.sh: .gpu/ is missing or incomplete; run scripts/gpu-check/pack.sh first" >&2; exit 2; }
libtorch=$(python3 -c "import torch,os;print(os.path.dirname(torch.__file__)+'/lib')") || { echo "run.sh: no PyTorch here" >&2; exit 2; }
python3 -c "import torch;print('PyTorch', torch.__version__, '| CUDA', torch.version.cuda, '|', torch.cuda.get_device_name(0) if torch.cuda.is_available() else 'no GPU')"
lscpu | grep -E "^Model name|^CPU\(s\)"
echo "libtorch: $libtorch"

worker="$work/worker/orchestrator-silo"
cli="$work/worker/orchestrator"
# The GPU image may lack libicu, which .NET needs for culture data the worker never uses.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
common=(train --dataset fashion-mnist --fraction 0.1 --seed 0 --data-dir "$work/data" --stop none)
full=(train --dataset fashion-mnist --fraction 1 --seed 0 --data-dir "$work/data" --stop none)
failures=0
run() {
  local name=$1; shift
  echo "=== $name: $*"
  local started=$SECONDS
  "$@" > "$work/$name.log" 2>&1
  local rc=$?
  grep -E "^(data|model|device|epoch) " "$work/$name.log" | head -4
  echo "--- $name: exit code $rc after $((SECONDS - started)) s"
  [ $rc -eq 0 ] || { echo "exit code $rc:"; tail -20 "$work/$name.log"; failures=$((failures + 1)); }
}

# The user's path: --libtorch names PyTorch's libtorch, TorchRuntime loads it explicitly.
run cuda "$worker" "${common[@]}" --epochs 10 --device cuda --libtorch "$libtorch" --json "$results/cuda.json"
# The CPU reference on the same machine, against the same libtorch (the worker carries none of its own).
LD_LIBRARY_PATH="$libtorch" ORCHESTRATOR_TORCH_THREADS=1 run cpu "$worker" "${common[@]}" --epochs 10 --device cpu --json "$results/cpu.json"
# A full TOP run on the GPU, and all 60,000 images for 3 epochs on each device (where a GPU starts to pay off).
run cuda-top "$worker" train --dataset fashion-mnist --fraction 0.1 --seed 0 --data-dir "$work/data" --stop top --epochs 100 --device cuda --libtorch "$libtorch" --json "$results/cuda-top.json"
run cuda-full "$worker" "${full[@]}" --epochs 3 --device cuda --libtorch "$libtorch" --json "$results/cuda-full.json"
LD_LIBRARY_PATH="$libtorch" run cpu-full "$worker" "${full[@]}" --epochs 3 --device cpu --json "$results/cpu-full.json"
# Without a libtorch, --device cuda must refuse with the fix (exit 2), and auto must fall back saying why.
run cuda-unconfigured env -u ORCHESTRATOR_LIBTORCH_DIR "$worker" "${common[@]}" --epochs 1 --device cuda
run auto-unconfigured env -u ORCHESTRATOR_LIBTORCH_DIR LD_LIBRARY_PATH="$libtorch" "$worker" "${common[@]}" --epochs 1 --device auto

# The same MLP, batch and optimiser in PyTorch on this GPU and CPU (threads as ours: 1 for 10 %, 8 for all):
# whether our per-batch cost on CUDA is ours or the launch latency every framework pays at batch 50.
export_data() { python3 "$repo/scripts/gpu-check/fashion_mnist_export.py" "$@"; }
export_data bench "$work/data/fashion-mnist" "$work/fm-6000.bin" 6000 && export_data bench "$work/data/fashion-mnist" "$work/fm-60000.bin" 60000
reference() {
  echo "=== pytorch $*"
  python3 "$repo/bench/Training.Bench/pytorch_epoch.py" "$@" | tee -a "$results/pytorch.jsonl" || failures=$((failures + 1))
}
reference "$work/fm-6000.bin" 784 256 128 10 1 10 cuda
reference "$work/fm-6000.bin" 784 256 128 10 1 10 cpu
reference "$work/fm-60000.bin" 784 256 128 10 8 3 cuda
reference "$work/fm-60000.bin" 784 256 128 10 8 3 cpu

# The VGG network, where a GPU pays off: Fashion-MNIST padded to 32×32×3 in the real CIFAR-10 binary layout.
export_data cifar10 "$work/data/fashion-mnist" "$work/data/cifar-10-batches-bin"
cnn=(train --dataset cifar10 --seed 0 --data-dir "$work/data" --stop none)
run cnn-cuda "$worker" "${cnn[@]}" --fraction 0.1 --epochs 5 --device cuda --libtorch "$libtorch" --json "$results/cnn-cuda.json"
LD_LIBRARY_PATH="$libtorch" run cnn-cpu "$worker" "${cnn[@]}" --fraction 0.1 --epochs 2 --device cpu --json "$results/cnn-cpu.json"
run cnn-cuda-full "$worker" "${cnn[@]}" --fraction 1 --epochs 3 --device cuda --libtorch "$libtorch" --json "$results/cnn-cuda-full.json"

# A sweep on the embedded silo pinned to GPU 0 (the CLI starts the self-contained worker as its silo), then
# a list naming a GPU this machine lacks, which must stop the silo before it starts (exit code 2).
export ORCHESTRATOR_SILO_PATH="$worker"
sweep=(local run "$repo/scripts/gpu-check/gpu-sweep.json" --results "$results/sweeps" --checkpoints "$work/checkpoints" --data-dir "$work/data")
ORCHESTRATOR_LIBTORCH_DIR="$libtorch" run sweep-gpu0 "$cli" "${sweep[@]}" --gpus 0
tail -25 "$work/sweep-gpu0.log"
echo "trials per device (silo log):"; grep -rhoE "trains on [a-z]+[:0-9]*" "$results/sweeps" | sort | uniq -c
ORCHESTRATOR_LIBTORCH_DIR="$libtorch" run sweep-missing-gpu "$cli" "${sweep[@]}" --gpus 0,1

python3 "$repo/scripts/gpu-check/compare.py" "$results"
tar -C "$work" -czf "$out/gpu-check.tar.gz" results
echo "runs that failed: $failures (cuda-unconfigured and sweep-missing-gpu are expected to fail with exit code 2)"
