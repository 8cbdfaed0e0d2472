#!/usr/bin/env bash
# Gives the product's own files in each DIR (Orchestrator.*, orchestrator*) a file of their own.
#
#   scripts/private-build-copies.sh DIR…
#
# WHY: with MSBuild's CreateHardLinksForCopyLocalIfPossible (set by developers with several worktrees, to save gigabytes per
# worktree), a build output folder's project assemblies are hard links to obj/ files that the next `dotnet build` (of a
# test project, say) rewrites in place. A silo or CLI running from that folder then has its mapped DLL changed under it
# and dies without a word: the chaos drill lost silos this way whenever a test project was built beside it. Package
# files stay linked: the NuGet cache is never rewritten.
set -euo pipefail
for dir in "$@"; do
  for file in "$dir"/Orchestrator.* "$dir"/orchestrator*; do
    [ -f "$file" ] && [ "$(stat -c %h "$file")" -gt 1 ] || continue
    cp -p "$file" "$file.private"
    mv -f "$file.private" "$file"
  done
done
