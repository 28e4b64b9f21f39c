#!/usr/bin/env python3
"""The measurements behind bench/run.sh (see there and docs/performance.md).

Phases (--phases, comma separated; default all):
  callgrind  instructions (Ir) of clang's cc1 with and without the plugin, on
             --callgrind-tus TUs of each sample and of the generated base
  wall       wall time of `clang++ -fsyntax-only` with and without the plugin,
             --runs runs per TU, interleaved, median per TU, summed per code base
  memory     peak RSS of `clang++ -fsyntax-only` with and without the plugin on
             one generated TU
  scale      the policycheck tool's wall time and peak RSS on 1x, 4x, 16x of
             --base TUs (-j 1), and -j 2 on the largest
Results: bench/results/<phase>.json; a summary on stdout.
"""
import argparse
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from benchlib import callgrind_ir, cc1_argv, load_db  # noqa: E402
ROOT = os.path.dirname(HERE)
SAMPLES = ["rendermix", "mixlens", "metrics-cabinet", "anastig"]


def log(msg):
    print(msg, flush=True)


def loadavg():
    with open("/proc/loadavg") as f:
        return f.read().split()[:3]


def plugin_flags(plugin, policy):
    return ["-fplugin=" + plugin, "-fplugin-arg-policycheck-policy=" + policy]


def timed(argv, cwd):
    t = time.perf_counter()
    subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def time_v(argv, cwd):
    """(wall seconds, max RSS kB) from /usr/bin/time -v."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        t = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-v", "-o", tf.name] + argv, cwd=cwd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - t
        text = open(tf.name).read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    return wall, rss


def sets(args):
    """[(name, folder, policy, tus)] of the code bases to measure."""
    out = []
    for s in SAMPLES:
        folder = os.path.join(ROOT, "test-inputs", s)
        out.append((s, folder, os.path.join(folder, "privacy-policy.yaml"), load_db(folder)))
    g = args.gen_dir
    out.append(("generated", g, os.path.join(g, "privacy-policy.yaml"), load_db(g)[:args.gen_tus]))
    return out


def write(name, data):
    os.makedirs(args.results, exist_ok=True)
    with open(os.path.join(args.results, name + ".json"), "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")


def phase_callgrind():
    from concurrent.futures import ThreadPoolExecutor
    wanted = args.callgrind_codebases.split(",") if args.callgrind_codebases else None
    jobs = []
    for name, folder, policy, tus in sets(args):
        if wanted and name not in wanted:
            continue
        for cwd, file, argv in tus[:args.callgrind_tus]:
            base = cc1_argv(argv, cwd)
            plug = base + ["-load", args.plugin, "-add-plugin", "policycheck",
                           "-plugin-arg-policycheck", "policy=" + policy]
            jobs.append((name, file, cwd, base, plug))
    # Instruction counts do not depend on load, so the runs may share the machine.
    with ThreadPoolExecutor(args.callgrind_jobs) as pool:
        f0 = [pool.submit(callgrind_ir, j[3], j[2]) for j in jobs]
        f1 = [pool.submit(callgrind_ir, j[4], j[2]) for j in jobs]
        rows = []
        for j, a, b in zip(jobs, f0, f1):
            ir0, ir1 = a.result(), b.result()
            rows.append({"codebase": j[0], "file": j[1], "ir_syntax_only": ir0, "ir_plugin": ir1,
                         "ratio": round(ir1 / ir0, 4)})
            log(f"  callgrind {j[0]}/{j[1]}: {ir0:,} -> {ir1:,} Ir  x{ir1 / ir0:.4f}")
    t0 = sum(r["ir_syntax_only"] for r in rows)
    t1 = sum(r["ir_plugin"] for r in rows)
    res = {"tus": rows, "total_ir_syntax_only": t0, "total_ir_plugin": t1,
           "ratio": round(t1 / t0, 4), "target_ratio_max": 1.05}
    write("callgrind", res)
    log(f"callgrind: total Ir {t0:,} -> {t1:,}: x{t1 / t0:.4f} (target <= x1.05)")


def phase_wall():
    res = {"loadavg_before": loadavg(), "runs": args.runs, "codebases": []}
    log(f"wall: load average before {res['loadavg_before']}")
    for name, folder, policy, tus in sets(args):
        tus = tus[:args.wall_tus] if args.wall_tus else tus
        s0 = s1 = 0.0
        for cwd, file, argv in tus:
            a, b = [], []
            for _ in range(args.runs):  # interleaved, so that load drifts hit both alike
                a.append(timed(argv, cwd))
                b.append(timed(argv + plugin_flags(args.plugin, policy), cwd))
            s0 += statistics.median(a)
            s1 += statistics.median(b)
        row = {"codebase": name, "tus": len(tus), "syntax_only_s": round(s0, 3),
               "plugin_s": round(s1, 3), "ratio": round(s1 / s0, 4)}
        res["codebases"].append(row)
        log(f"  wall {name} ({len(tus)} TUs): {s0:.2f}s -> {s1:.2f}s  x{s1 / s0:.3f}")
    t0 = sum(r["syntax_only_s"] for r in res["codebases"])
    t1 = sum(r["plugin_s"] for r in res["codebases"])
    res["total"] = {"syntax_only_s": round(t0, 3), "plugin_s": round(t1, 3), "ratio": round(t1 / t0, 4)}
    res["loadavg_after"] = loadavg()
    write("wall", res)
    log(f"wall: total {t0:.2f}s -> {t1:.2f}s: x{t1 / t0:.3f}; load after {res['loadavg_after']}")


def phase_memory():
    g = args.gen_dir
    policy = os.path.join(g, "privacy-policy.yaml")
    rows = []
    for cwd, file, argv in load_db(g)[:args.memory_tus]:
        _, r0 = time_v(argv, cwd)
        _, r1 = time_v(argv + plugin_flags(args.plugin, policy), cwd)
        rows.append({"file": file, "syntax_only_maxrss_kb": r0, "plugin_maxrss_kb": r1,
                     "ratio": round(r1 / r0, 4)})
        log(f"  memory {file}: {r0} kB -> {r1} kB  x{r1 / r0:.3f}")
    write("memory", {"tus": rows, "target_ratio_max": 1.10})


def phase_scale():
    res = {"loadavg_before": loadavg(), "base": args.base, "points": []}
    log(f"scale: load average before {res['loadavg_before']}")
    tool = args.tool
    for mult in (1, 4, 16):
        n = args.base * mult
        d = os.path.join(args.work, f"scale-{n}")
        subprocess.run([sys.executable, os.path.join(HERE, "generate_codebase.py"), d, "-n", str(n),
                        "--seed", "1"], check=True, stdout=subprocess.DEVNULL)
        wall, rss = time_v([tool, "-p", d, "-j", "1"], d)
        res["points"].append({"tus": n, "jobs": 1, "wall_s": round(wall, 3), "maxrss_kb": rss,
                              "s_per_tu": round(wall / n, 3)})
        log(f"  tool -j 1 on {n} TUs: {wall:.2f}s ({wall / n:.2f}s/TU), max RSS {rss} kB")
    n = args.base * 16
    d = os.path.join(args.work, f"scale-{n}")
    wall, rss = time_v([tool, "-p", d, "-j", "2"], d)
    res["points"].append({"tus": n, "jobs": 2, "wall_s": round(wall, 3), "maxrss_kb": rss,
                          "s_per_tu": round(wall / n, 3)})
    j1 = res["points"][2]["wall_s"]
    res["speedup_j2"] = round(j1 / wall, 3)
    res["loadavg_after"] = loadavg()
    log(f"  tool -j 2 on {n} TUs: {wall:.2f}s, max RSS {rss} kB; speed-up x{j1 / wall:.2f}")
    write("scale", res)


ap = argparse.ArgumentParser()
ap.add_argument("--phases", default="callgrind,wall,memory,scale")
ap.add_argument("--plugin", default=os.path.join(ROOT, "build", "plugin", "libpolicycheck-plugin.so"))
ap.add_argument("--tool", default=os.path.join(ROOT, "build", "tools", "policycheck", "policycheck"))
ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "policycheck-bench"))
ap.add_argument("--results", default=os.path.join(HERE, "results"))
ap.add_argument("--runs", type=int, default=3)
ap.add_argument("--gen-tus", type=int, default=100, help="TUs of the generated base for wall/callgrind")
ap.add_argument("--wall-tus", type=int, default=0, help="first N TUs per code base for wall (0: all)")
ap.add_argument("--callgrind-tus", type=int, default=3, help="TUs per code base under callgrind")
ap.add_argument("--callgrind-codebases", default="", help="comma-separated subset (default all)")
ap.add_argument("--callgrind-jobs", type=int, default=2)
ap.add_argument("--memory-tus", type=int, default=3)
ap.add_argument("--base", type=int, default=6, help="TUs of the 1x scale point")
args = ap.parse_args()
args.plugin = os.path.abspath(args.plugin)
args.tool = os.path.abspath(args.tool)
os.makedirs(args.work, exist_ok=True)
args.gen_dir = os.path.join(args.work, "generated")
subprocess.run([sys.executable, os.path.join(HERE, "generate_codebase.py"), args.gen_dir, "-n",
                str(max(args.gen_tus, 1)), "--seed", "1"], check=True, stdout=subprocess.DEVNULL)
for ph in args.phases.split(","):
    globals()["phase_" + ph.strip()]()
