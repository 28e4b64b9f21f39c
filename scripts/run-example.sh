#!/usr/bin/env bash
# The main job on a bundled example, the MixLens service: validate its policy
# (translated from its written privacy policy), explain it, then check its
# code base (test-inputs/mixlens/src) against it. The code base has planted
# violations, so the check reports findings and exits 1, which is expected
# here; any other failure stops the script.
set -euo pipefail
cd "$(dirname "$0")/.."
tool=build/tools/policycheck/policycheck
policy=test-inputs/mixlens/privacy-policy.yaml
"$tool" validate "$policy"
echo
"$tool" explain "$policy"
echo
status=0
"$tool" --policy "$policy" -p test-inputs/mixlens -j "$(nproc)" \
  --data-map build/mixlens-data-map.md || status=$?
if [[ $status -ne 0 && $status -ne 1 ]]; then
  exit "$status"
fi
echo
echo "data map: build/mixlens-data-map.md"
