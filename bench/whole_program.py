#!/usr/bin/env python3
"""Whole-program figures of the policycheck tool on a layered code base.

    python3 bench/whole_program.py --tool build/tools/policycheck/policycheck \
        [--tus 500] [--growth 32,128,512] [--work /tmp/policycheck-bench/layered]

Generates a layered service (bench/generate_layered.py: handlers, services,
clients and repositories in different files, an interface with its
implementations elsewhere) and measures, with the real binary:

- cold: a run from scratch (--no-cache, -j 2): wall time, parses and rounds,
  the time of the first round (every file once, as a one-file-at-a-time
  analysis would take) against the linking rounds after it;
- the cache: its size per translation unit and the linked summaries' size; a
  rerun with nothing changed; a rerun after a change to one handler (a file
  no other takes summaries from), to one client (its service takes its
  summaries) and to a header every file includes, each against the cold run;
- -j 1 against -j 2 (cold), and the cold run's growth over --growth sizes;
- with --plugin, the compiler plugin's instructions (callgrind, clang's cc1)
  over plain `-fsyntax-only` on the first --plugin-tus translation units: with
  the policy alone, and with `facts=DIR` and `summaries=FILE` (the linked
  summaries of the whole base) as an in-build run uses it.

Results: bench/results/whole-program.json, and a summary on stdout.
"""
import argparse
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from benchlib import callgrind_ir, cc1_argv, load_db  # noqa: E402
ROUND = re.compile(r"^policycheck: round (\d+): (\d+) parse\(s\) in ([0-9.]+) s$")


def run(tool, base, *extra):
    start = time.monotonic()
    proc = subprocess.run([tool, "--verbose", "-p", str(base), *extra],
                          capture_output=True, text=True)
    wall = time.monotonic() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"policycheck exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    rounds = [(int(m[1]), int(m[2]), float(m[3]))
              for m in map(ROUND.match, proc.stderr.splitlines()) if m]
    return {"wall_s": round(wall, 2),
            "parses": sum(r[1] for r in rounds),
            "rounds": [{"round": r[0], "parses": r[1], "seconds": r[2]} for r in rounds],
            "findings": proc.stdout.count(": warning: ")}


def generate(base, tus):
    if base.exists():
        shutil.rmtree(base)
    subprocess.run([sys.executable, str(HERE / "generate_layered.py"), str(base), "-n", str(tus)],
                   check=True, capture_output=True)
    return len(json.loads((base / "compile_commands.json").read_text()))


def append_comment(path):
    with open(path, "a") as f:
        f.write("// edited by bench/whole_program.py\n")


def plugin_overhead(plugin, base, summaries, count):
    """Instructions of cc1: plain, with the plugin, with facts= and summaries=."""
    policy = str(base / "privacy-policy.yaml")
    totals = {"plain": 0, "plugin": 0, "plugin_facts_summaries": 0}
    with tempfile.TemporaryDirectory(prefix="policycheck-facts-") as facts:
        for cwd, _, argv in load_db(str(base))[:count]:
            cc1 = cc1_argv(argv, cwd)
            load = ["-load", plugin, "-add-plugin", "policycheck",
                    "-plugin-arg-policycheck", "policy=" + policy]
            whole = load + ["-plugin-arg-policycheck", "facts=" + facts,
                            "-plugin-arg-policycheck", "summaries=" + str(summaries)]
            totals["plain"] += callgrind_ir(cc1, cwd)
            totals["plugin"] += callgrind_ir(cc1 + load, cwd)
            totals["plugin_facts_summaries"] += callgrind_ir(cc1 + whole, cwd)
    plain = totals["plain"]
    return {"translation_units": count, "instructions": totals,
            "plugin_over_plain": round(totals["plugin"] / plain, 4),
            "with_facts_summaries_over_plain": round(totals["plugin_facts_summaries"] / plain, 4)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tool", required=True)
    ap.add_argument("--tus", type=int, default=500)
    ap.add_argument("--growth", default="32,128,512")
    ap.add_argument("--work", default="/tmp/policycheck-bench/layered")
    ap.add_argument("--results", default=str(HERE / "results"))
    ap.add_argument("--plugin", help="libpolicycheck-plugin.so: measure its overhead too")
    ap.add_argument("--plugin-tus", type=int, default=6)
    args = ap.parse_args()
    tool = str(pathlib.Path(args.tool).resolve())
    work = pathlib.Path(args.work)
    results = {}

    base = work / "main"
    n = generate(base, args.tus)
    results["translation_units"] = n
    cold = run(tool, base, "--no-cache", "-j", "2")
    results["cold_j2"] = cold
    first = cold["rounds"][0]["seconds"] if cold["rounds"] else 0.0
    linking = sum(r["seconds"] for r in cold["rounds"][1:])
    results["first_round_s"] = first
    results["linking_rounds_s"] = round(linking, 2)
    print(f"{n} TUs, cold -j 2: {cold['wall_s']} s, {cold['parses']} parses in "
          f"{len(cold['rounds'])} rounds; first round {first} s, linking rounds "
          f"{linking:.2f} s ({100 * linking / max(first, 1e-9):.0f}% of the first); "
          f"{cold['findings']} findings")

    summaries = work / "summaries.json"
    filled = run(tool, base, "-j", "2", "--summaries", str(summaries))
    cache = list((base / ".policycheck-cache").glob("*.json"))
    per_tu = sum(p.stat().st_size for p in cache) / max(len(cache), 1)
    results["cache_bytes_per_tu"] = round(per_tu)
    results["summaries_bytes"] = summaries.stat().st_size
    print(f"cache: {per_tu / 1024:.1f} KiB per TU; linked summaries "
          f"{summaries.stat().st_size / 1024:.0f} KiB (run writing them: {filled['wall_s']} s)")

    if args.plugin:
        overhead = plugin_overhead(str(pathlib.Path(args.plugin).resolve()), base, summaries,
                                   args.plugin_tus)
        results["plugin_instructions"] = overhead
        print(f"plugin, {overhead['translation_units']} TUs under callgrind: "
              f"x{overhead['plugin_over_plain']} over -fsyntax-only; with facts= and "
              f"summaries= x{overhead['with_facts_summaries_over_plain']}")

    for name, edit in (("unchanged", None),
                       ("one_handler", base / "src" / "handlers" / "handler_0.cpp"),
                       ("one_client", base / "src" / "clients" / "client_0.cpp"),
                       ("shared_header", base / "src" / "user.h")):
        if edit:
            append_comment(edit)
        rerun = run(tool, base, "-j", "2")
        rerun["of_cold"] = round(rerun["wall_s"] / cold["wall_s"], 3)
        results[f"rerun_{name}"] = rerun
        print(f"rerun, {name.replace('_', ' ')}: {rerun['wall_s']} s "
              f"({100 * rerun['of_cold']:.1f}% of cold), {rerun['parses']} parses")

    j1 = run(tool, base, "--no-cache", "-j", "1")
    results["cold_j1"] = j1
    results["speedup_j2"] = round(j1["wall_s"] / cold["wall_s"], 2)
    print(f"cold -j 1: {j1['wall_s']} s; -j 2 speed-up {results['speedup_j2']}x")

    growth = []
    for size in [int(s) for s in args.growth.split(",") if s]:
        gbase = work / f"growth-{size}"
        tus = generate(gbase, size)
        g = run(tool, gbase, "--no-cache", "-j", "2")
        growth.append({"translation_units": tus, "wall_s": g["wall_s"], "parses": g["parses"],
                       "rounds": len(g["rounds"])})
        print(f"growth: {tus} TUs: {g['wall_s']} s, {g['parses']} parses in "
              f"{len(g['rounds'])} rounds")
    results["growth"] = growth

    out = pathlib.Path(args.results)
    out.mkdir(parents=True, exist_ok=True)
    (out / "whole-program.json").write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
