#!/usr/bin/env python3
"""Runs policycheck over a sample code base and holds it to the expectations
written in its code.

On the line where a sink call begins, a comment says what must be found:

    sqlite3_bind_text(st, 1, pw.c_str(), -1, nullptr);  // expect: privacy-storage-protection user.authorization.password storage
    post(kUrl, body);  // expect: privacy-vendor-category user.contact.email posthog; privacy-vendor-category user.device.ip_address posthog
    curl_easy_setopt(c, CURLOPT_URL, kSegmentUrl);  // expect: privacy-undeclared-vendor - segment
    spdlog::info("{}", user_id);  // expect-none

Each expectation is CHECK CATEGORY DESTINATION (`-` for no category). Every
finding must be expected on its line and every expectation found: a missing,
extra or misplaced finding fails the sample, and the difference is printed.
`expect-none` marks a line that must produce nothing (every line without an
`expect:` must produce nothing too; the marker documents the near-misses).
"""
import argparse
import json
import os
import pathlib
import re
import subprocess
import sys

EXPECT = re.compile(r"//.*?\bexpect:\s*(.+?)\s*$")
EXPECT_NONE = re.compile(r"//.*?\bexpect-none\b")


def read_expectations(sample):
    expected, negatives = [], []
    for path in sorted(sample.rglob("*")):
        if path.suffix not in {".cpp", ".cc", ".h", ".hpp"} or "third_party" in path.parts:
            continue
        rel = path.relative_to(sample).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = EXPECT.search(line)
            if match:
                for item in match.group(1).split(";"):
                    words = item.split()
                    if len(words) != 3:
                        raise SystemExit(f"{rel}:{number}: malformed expectation '{item.strip()}'"
                                         " (want: CHECK CATEGORY DESTINATION)")
                    expected.append((rel, number, *words))
            elif EXPECT_NONE.search(line):
                negatives.append((rel, number))
    return expected, negatives


def run_tool(tool, sample):
    proc = subprocess.run([tool, "--format", "json", "-p", str(sample)],
                          capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        print(proc.stderr)
        raise SystemExit(f"policycheck exited {proc.returncode} on {sample}")
    # A sample is analysed without a warning: in particular its summaries
    # reach their fixed point within the tool's linking rounds.
    if "warning:" in proc.stderr:
        print(proc.stderr)
        raise SystemExit(f"policycheck warned on {sample}")
    findings = []
    for f in json.loads(proc.stdout)["findings"]:
        path = pathlib.Path(f["location"]["file"])
        if not path.is_absolute():
            path = sample / path
        rel = pathlib.Path(os.path.normpath(path)).relative_to(sample.resolve()).as_posix()
        findings.append((rel, f["location"]["line"], f["check"],
                         f["category"] or "-", f["destination"], f["message"]))
    return findings


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tool", required=True)
    parser.add_argument("sample", nargs="+")
    args = parser.parse_args()

    failed_samples = 0
    total_expected = total_negatives = 0
    for sample_arg in args.sample:
        sample = pathlib.Path(sample_arg).resolve()
        expected, negatives = read_expectations(sample)
        total_expected += len(expected)
        total_negatives += len(negatives)
        found = run_tool(args.tool, sample)
        remaining = list(found)
        missing = []
        for e in expected:
            match = next((f for f in remaining if f[:5] == e), None)
            if match:
                remaining.remove(match)
            else:
                missing.append(e)
        name = sample.name
        print(f"{name}: {len(expected)} expected findings, {len(negatives)} marked negatives,"
              f" {len(found)} found")
        for e in missing:
            near = [f for f in found if f[0] == e[0] and f[1] == e[1]]
            hint = f"  (found there: {', '.join(' '.join(f[2:5]) for f in near)})" if near else ""
            print(f"  MISSING {e[0]}:{e[1]}: {' '.join(e[2:])}{hint}")
        for f in remaining:
            print(f"  EXTRA   {f[0]}:{f[1]}: {' '.join(f[2:5])}\n          {f[5]}")
        if missing or remaining:
            failed_samples += 1
    passed = len(args.sample) - failed_samples
    print(f"{total_expected} expectations and {total_negatives} negatives in "
          f"{len(args.sample)} samples")
    print(f"{passed} passed, {failed_samples} failed")
    return 1 if failed_samples else 0


if __name__ == "__main__":
    sys.exit(main())
