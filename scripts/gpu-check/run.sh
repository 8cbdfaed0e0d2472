#!/usr/bin/env bash
# The GPU check of the training engine, run on a CUDA machine with PyTorch (no .NET needed) from the
# repository root after pack.sh: Fashion-MNIST 10 % on CUDA and on the CPU of the same machine, same seed,
# then compare.py prints the per-epoch losses side by side, their agreement and the epoch times.
# Writes the run reports to $OUT (the device tool's output folder) or ./gpu-check-results.
set -u
repo=$(pwd)
out=${OUT:-$repo/gpu-check-results}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out" "$work/data"
tar -C "$work" -xJf "$repo/.gpu/worker.tar.xz" && tar -C "$work/data" -xJf "$repo/.gpu/fashion-mnist.tar.xz" \
  || { echo "run.sh: .gpu/ is missing or incomplete; run scripts/gpu-check/pack.sh first" >&2; exit 2; }
libtorch=$(python3 -c "import torch,os;print(os.path.dirname(torch.__file__)+'/lib')") || { echo "run.sh: no PyTorch here" >&2; exit 2; }
python3 -c "import torch;print('PyTorch', torch.__version__, '| CUDA', torch.version.cuda, '|', torch.cuda.get_device_name(0) if torch.cuda.is_available() else 'no GPU')"
lscpu | grep -E "^Model name|^CPU\(s\)"
echo "libtorch: $libtorch"

worker="$work/worker/orchestrator-silo"
# The GPU image may lack libicu, which .NET needs for culture data the worker never uses.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
common=(train --dataset fashion-mnist --fraction 0.1 --seed 0 --data-dir "$work/data" --stop none)
full=(train --dataset fashion-mnist --fraction 1 --seed 0 --data-dir "$work/data" --stop none)
failures=0
run() {
  local name=$1; shift
  echo "=== $name: $*"
  "$@" > "$work/$name.log" 2>&1
  local rc=$?
  grep -E "^(data|model|device|epoch) " "$work/$name.log" | head -4
  [ $rc -eq 0 ] || { echo "exit code $rc:"; tail -20 "$work/$name.log"; failures=$((failures + 1)); }
}

# The user's path: --libtorch names PyTorch's libtorch, TorchRuntime loads it explicitly.
run cuda "$worker" "${common[@]}" --epochs 10 --device cuda --libtorch "$libtorch" --json "$out/cuda.json"
# The CPU reference on the same machine, against the same libtorch (the worker carries none of its own).
LD_LIBRARY_PATH="$libtorch" ORCHESTRATOR_TORCH_THREADS=1 run cpu "$worker" "${common[@]}" --epochs 10 --device cpu --json "$out/cpu.json"
# A full TOP run on the GPU, and all 60,000 images for 3 epochs on each device (where a GPU starts to pay off).
run cuda-top "$worker" train --dataset fashion-mnist --fraction 0.1 --seed 0 --data-dir "$work/data" --stop top --epochs 100 --device cuda --libtorch "$libtorch" --json "$out/cuda-top.json"
run cuda-full "$worker" "${full[@]}" --epochs 3 --device cuda --libtorch "$libtorch" --json "$out/cuda-full.json"
LD_LIBRARY_PATH="$libtorch" run cpu-full "$worker" "${full[@]}" --epochs 3 --device cpu --json "$out/cpu-full.json"
# Without a libtorch, --device cuda must refuse with the fix (exit 2), and auto must fall back saying why.
run cuda-unconfigured env -u ORCHESTRATOR_LIBTORCH_DIR "$worker" "${common[@]}" --epochs 1 --device cuda
run auto-unconfigured env -u ORCHESTRATOR_LIBTORCH_DIR LD_LIBRARY_PATH="$libtorch" "$worker" "${common[@]}" --epochs 1 --device auto

python3 "$repo/scripts/gpu-check/compare.py" "$out"
echo "runs that failed: $failures (cuda-unconfigured is expected to fail with exit code 2)"
