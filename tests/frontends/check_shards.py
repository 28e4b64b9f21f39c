#!/usr/bin/env python3
"""`policycheck --shard K/N --facts DIR`, joined by `policycheck link`, gives
the tool's findings, as a CI matrix would run it.

On a whole-program sample, with the real tool:

1. each of N shares (N = 2 and 3) is checked on its own, writing its files'
   facts into one folder; together the shares check every file once;
2. `policycheck link DIR --summaries FILE` joins them; shares whose files
   call into other shares are not current yet, and link says so;
3. the shares are checked again with `--linked FILE` (what the other shares
   define), until link warns of nothing; it then prints exactly the findings
   of one `policycheck -p` over the whole build, in JSON;
4. a share index out of range, and a --linked file that is not summaries,
   are one clear error each (exit 2).
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from check_frontends import tool_findings  # noqa: E402
from check_link import link  # noqa: E402


def run_share(tool, sample, k, n, facts, linked=None):
    command = [tool, "--no-cache", "--verbose", "--shard", f"{k}/{n}", "--facts", str(facts),
               "-p", str(sample)]
    if linked:
        command += ["--linked", str(linked)]
    proc = subprocess.run(command, capture_output=True, text=True)
    parsed = [line.split("parsing ", 1)[1] for line in proc.stderr.splitlines()
              if ": round 0: parsing " in line]
    return proc, parsed


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tool", required=True)
    parser.add_argument("sample")
    args = parser.parse_args()
    tool = os.path.abspath(args.tool)
    sample = pathlib.Path(args.sample).resolve()
    files = json.loads((sample / "compile_commands.json").read_text())
    failures = 0

    def check(what, ok, detail=""):
        nonlocal failures
        print(f"{'ok  ' if ok else 'FAIL'} {what}" + ("" if ok else f"\n     {detail}"))
        failures += not ok

    with tempfile.TemporaryDirectory(prefix="policycheck-shards-") as scratch:
        scratch = pathlib.Path(scratch)
        expected = tool_findings(tool, sample, scratch / "whole.json")
        for n in (2, 3):
            facts, summaries = scratch / f"facts-{n}", scratch / f"summaries-{n}.json"
            parsed = []
            for k in range(1, n + 1):
                proc, share = run_share(tool, sample, k, n, facts)
                check(f"{n} shares: share {k} runs", proc.returncode in (0, 1), proc.stderr)
                parsed += share
            check(f"{n} shares: every file is checked by exactly one share",
                  sorted(parsed) == sorted(set(parsed)) and len(parsed) == len(files),
                  f"parsed {sorted(parsed)}")
            first, _ = link(tool, sample, facts, "--summaries", str(summaries))
            check(f"{n} shares: link joins the shares' facts",
                  first.returncode in (0, 1) and summaries.exists(), first.stderr)
            for passes in range(1, 5):
                for k in range(1, n + 1):
                    run_share(tool, sample, k, n, facts, summaries)
                again, found = link(tool, sample, facts, "--summaries", str(summaries))
                if "warning" not in again.stderr:
                    break
            check(f"{n} shares: after {passes} pass(es) with --linked, link warns of nothing",
                  again.returncode in (0, 1) and "warning" not in again.stderr, again.stderr)
            missing, extra = expected - found, found - expected
            check(f"{n} shares: link prints the whole build's {len(expected)} findings",
                  not missing and not extra,
                  f"missing {sorted(missing)}; extra {sorted(extra)}")

        proc = subprocess.run([tool, "--shard", "3/2", "-p", str(sample)],
                              capture_output=True, text=True)
        check("--shard 3/2 is a usage error",
              proc.returncode == 2 and "--shard needs K/N" in proc.stderr, proc.stderr)
        bogus = scratch / "bogus.json"
        bogus.write_text("{}")
        proc = subprocess.run([tool, "--no-cache", "--linked", str(bogus), "-p", str(sample)],
                              capture_output=True, text=True)
        errors = [l for l in proc.stderr.splitlines() if "error:" in l]
        check("a --linked file that is not summaries is one error naming it",
              proc.returncode == 2 and len(errors) == 1 and str(bogus) in errors[0],
              proc.stderr)
    print("all passed" if not failures else f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
