#!/usr/bin/env bash
# One command for the test suite: set up what is missing, then build and run every test
# in the normal build, under AddressSanitizer+UBSan, and under ThreadSanitizer.
#   scripts/test.sh            all three
#   scripts/test.sh default    only the listed presets (default, asan, tsan)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
presets=("$@")
((${#presets[@]})) || presets=(default asan tsan)
"$repo/scripts/setup.sh" "${presets[@]}"
cd "$repo"
status=0
for preset in "${presets[@]}"; do
  echo "test: preset '$preset'"
  start=$(date +%s)
  if ! ctest --preset "$preset"; then status=1; fi
  echo "test: preset '$preset' took $(( $(date +%s) - start )) s"
done
exit $status
