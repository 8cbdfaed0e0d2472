#!/usr/bin/env bash
# Vendors the dashboard's charting library from npm into src/Dashboard/wwwroot/vendor/ (not committed:
# a 4.6 MB minified bundle). Idempotent; the Dashboard project's build runs it when the file is missing.
#   scripts/vendor-web.sh          # plotly.js-dist-min@4.1.2 → src/Dashboard/wwwroot/vendor/plotly.min.js
set -euo pipefail
version=4.1.2
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
target="$root/src/Dashboard/wwwroot/vendor"
stamp="$target/plotly.version"
if [ -f "$target/plotly.min.js" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ]; then
  echo "[vendor-web] plotly.js-dist-min@$version already in $target"
  exit 0
fi
command -v npm >/dev/null 2>&1 || { echo "[vendor-web] error: npm not found; run: scripts/bootstrap.sh --with dashboard" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "[vendor-web] fetching plotly.js-dist-min@$version from npm"
(cd "$tmp" && npm pack --silent "plotly.js-dist-min@$version" >/dev/null)
tar -xzf "$tmp"/plotly.js-dist-min-$version.tgz -C "$tmp"
mkdir -p "$target"
cp "$tmp/package/plotly.min.js" "$target/plotly.min.js.tmp"
mv "$target/plotly.min.js.tmp" "$target/plotly.min.js"
echo "$version" > "$stamp"
echo "[vendor-web] plotly.js-dist-min@$version → $target/plotly.min.js"
