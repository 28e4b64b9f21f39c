#!/usr/bin/env bash
# The policycheck benchmark: one command measures it all (docs/performance.md).
#
#   bash bench/run.sh            # the full run (about 2 hours on 2 cores)
#   bash bench/run.sh --quick    # a bounded run (about 15 minutes on 2 cores)
#
# What it measures, each against plain `clang++ -fsyntax-only` on the same TUs:
#   callgrind  instructions (Ir, repeatable) of clang's cc1 with and without
#              `-load libpolicycheck-plugin.so -add-plugin policycheck`
#   wall       wall time with and without -fplugin=..., median of --runs runs
#              per TU, over test-inputs/{rendermix,mixlens,metrics-cabinet,
#              anastig} and a generated code base (bench/generate_codebase.py)
#   memory     peak RSS (/usr/bin/time -v) with and without the plugin
#   scale      the policycheck tool's wall time and peak RSS on 1x, 4x, 16x
#              of a base of generated TUs, and its -j 2 speed-up
# Results: bench/results/*.json (small, commit them); a summary on stdout.
#
# Environment: BUILD (default build/, holding plugin/ and tools/), WORK (the
# generated code bases, default /tmp/policycheck-bench). Any other argument
# goes to bench/bench.py (e.g. --phases wall,scale --runs 5; see its --help).
# Needs clang++, valgrind and /usr/bin/time (apt-get install valgrind time).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
build="${BUILD:-$root/build}"
work="${WORK:-/tmp/policycheck-bench}"

for t in clang++ valgrind /usr/bin/time; do
  command -v "$t" >/dev/null || { echo "run.sh: $t is missing (apt-get install valgrind time clang)" >&2; exit 2; }
done

mode=()
if [[ "${1:-}" == "--quick" ]]; then
  shift
  # Bounded: callgrind on one TU of one sample and one generated TU; wall on
  # the first 2 TUs of each code base; a scale base of 2 TUs (2, 8, 32).
  mode=(--callgrind-codebases mixlens,generated --callgrind-tus 1
        --wall-tus 2 --gen-tus 2 --memory-tus 1 --base 2)
fi

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
     "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); load $(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "$here/results"
{
  echo "{\"nproc\": $(nproc), \"model\": \"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\","
  echo " \"mem_kb\": $(awk '/MemTotal/ {print $2}' /proc/meminfo), \"clang\": \"$(clang++ --version | head -1)\","
  echo " \"loadavg_start\": \"$(cut -d' ' -f1-3 /proc/loadavg)\", \"date\": \"$(date -u +%FT%TZ)\"}"
} > "$here/results/machine.json"

exec python3 "$here/bench.py" \
  --plugin "$build/plugin/libpolicycheck-plugin.so" \
  --tool "$build/tools/policycheck/policycheck" \
  --work "$work" "${mode[@]}" "$@"
