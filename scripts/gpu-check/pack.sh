#!/usr/bin/env bash
# Packs what run.sh needs on a GPU machine that has PyTorch but no .NET (the `device` tool's machines):
# a self-contained worker without TorchSharp's CPU libtorch (the GPU machine's PyTorch provides libtorch),
# the CLI beside it (same runtime, for the sweep on --gpus), and Fashion-MNIST. Writes .gpu/ (ignored by
# git); the tracked tree plus .gpu/ must stay under the tool's 64 MiB carry limit, so the worker drops
# files that neither the `train` verb nor a local sweep loads.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/.gpu"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

source_dir=""
for candidate in "${ORCHESTRATOR_DATA_DIR:-$HOME/.cache/orchestrator/data}/fashion-mnist" /usr/share/datasets/fashion-mnist; do
  if [ -e "$candidate/train-images-idx3-ubyte.gz" ] || [ -e "$candidate/train-images-idx3-ubyte" ]; then source_dir=$candidate; break; fi
done
[ -n "$source_dir" ] || { echo "pack.sh: Fashion-MNIST not found; run: scripts/bootstrap.sh --with datasets" >&2; exit 2; }

echo "publishing the worker (self-contained, linux-x64)…"
dotnet publish "$root/src/Silo/Orchestrator.Silo.csproj" -c Release -r linux-x64 --self-contained -o "$stage/worker" -nologo -v quiet
# Central package versions make the two apps' shared assemblies identical, so one runtime serves both.
dotnet publish "$root/src/Client/Orchestrator.Client.csproj" -c Release -r linux-x64 --self-contained -o "$stage/worker" -nologo -v quiet
(
  cd "$stage/worker"
  # libtorch comes from the GPU machine's PyTorch (TorchRuntime loads it explicitly).
  rm -rf cpu libtorch*.so libc10*.so libgomp-*.so.1 libshm.so libaoti_custom_ops.so libbackend_with_compiler.so \
    libjitbackend_test.so libnnapi_backend.so libtorchbind_test.so
  # Not loaded by the train verb or a local sweep (checked by running both without them): Roslyn, Visual Basic,
  # the plot renderer's natives (reports draw plots; sweeps do not), debugger and tracing support, alternative
  # GCs, symbols. Orleans' JSON grain storage needs System.Data.Common, System.Private.Xml and DataContract
  # serialization (through Newtonsoft.Json), so those stay.
  rm -f Microsoft.CodeAnalysis*.dll Microsoft.VisualBasic.Core.dll libSkiaSharp.so libHarfBuzzSharp.so \
    createdump libmscordaccore.so libmscordbi.so libclrgc.so libclrgcexp.so libcoreclrtraceptprovider.so ./*.pdb
)

echo "packing Fashion-MNIST from $source_dir…"
mkdir -p "$stage/fashion-mnist"
for stem in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
  if [ -e "$source_dir/$stem.gz" ]; then gunzip -c "$source_dir/$stem.gz" > "$stage/fashion-mnist/$stem"; else cp "$source_dir/$stem" "$stage/fashion-mnist/"; fi
done
# TRAIN_IMAGES=N keeps only the first N training images (header counts rewritten): trials-per-gpu.sh trains 6,000 images
# per trial and takes its fraction from the packed count, which keeps .gpu/ under the carry limit; run.sh needs all 60,000.
if [ -n "${TRAIN_IMAGES:-}" ]; then
  python3 - "$stage/fashion-mnist" "$TRAIN_IMAGES" <<'PY'
import struct, sys
directory, keep = sys.argv[1], int(sys.argv[2])
for stem, item in (("train-images-idx3-ubyte", 28 * 28), ("train-labels-idx1-ubyte", 1)):
    path = f"{directory}/{stem}"
    data = open(path, "rb").read()
    header = 16 if item > 1 else 8
    count = struct.unpack(">I", data[4:8])[0]
    if not 0 < keep <= count:
        sys.exit(f"pack.sh: TRAIN_IMAGES={keep} must be in 1..{count}")
    open(path, "wb").write(data[:4] + struct.pack(">I", keep) + data[8:header] + data[header:header + keep * item])
PY
  echo "kept the first $TRAIN_IMAGES training images"
fi

rm -rf "$out"
mkdir -p "$out"
# xz -9 on the raw IDX files beats their gzip by ~4 MB, which the carry limit needs.
tar -C "$stage" -cf - worker | xz -9 -T0 > "$out/worker.tar.xz"
tar -C "$stage" -cf - fashion-mnist | xz -9 -T0 > "$out/fashion-mnist.tar.xz"
tracked=$(cd "$root" && git ls-files -z | xargs -0 du -cb | tail -1 | cut -f1)
packed=$(du -cb "$out"/* | tail -1 | cut -f1)
echo "packed $((packed / 1048576)) MiB in .gpu/ + $((tracked / 1048576)) MiB tracked files (limit 64 MiB)"
if [ $((packed + tracked)) -gt $((64 * 1048576)) ]; then
  echo "pack.sh: over the device tool's 64 MiB; drop fraction-1 runs and pack fewer training images, or untrack large results" >&2
  exit 1
fi
echo "next: the device tool's run with carry [\".gpu\"] and command: bash scripts/gpu-check/run.sh (needs all 60,000 images)"
echo "   or: bash scripts/gpu-check/trials-per-gpu.sh (TRAIN_IMAGES=12000 is enough)"
