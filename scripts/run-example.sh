#!/usr/bin/env bash
# The main job on a bundled example: validate the MixLens policy (translated
# from its written privacy policy in test-inputs/mixlens) and explain it.
set -euo pipefail
cd "$(dirname "$0")/.."
policy=test-inputs/mixlens/privacy-policy.yaml
build/tools/policycheck/policycheck validate "$policy"
echo
build/tools/policycheck/policycheck explain "$policy"
