#!/usr/bin/env python3
"""`policycheck link` over the facts a build wrote gives the tool's findings.

On a whole-program sample, with the real binaries:

1. a first build with clang++ and the plugin (facts=DIR) writes each
   translation unit's facts; `policycheck link DIR --summaries FILE` links
   them without parsing and writes the program's summaries (units that call
   into other files are not current yet, and link says so on stderr);
2. builds with summaries=FILE and facts=DIR (each link writing the
   summaries again) until link warns of nothing: the facts are current, and
   `policycheck link DIR` prints exactly the findings of the tool
   (`policycheck -p`), in JSON;
3. the same through clang-tidy (options SummariesFile and FactsDir);
4. a facts file cut short is one error naming it (exit 2); the facts of a
   source that no longer exists are skipped.
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from check_frontends import norm, run_plugin, run_tidy, tool_findings  # noqa: E402


def link(tool, sample, folder, *extra):
    proc = subprocess.run([tool, "link", "--format", "json", *extra, str(folder)],
                          capture_output=True, text=True)
    found = set()
    if proc.returncode in (0, 1):
        found = {(norm(sample, f["location"]["file"]), f["location"]["line"],
                  f["location"]["column"], f["check"], f["message"])
                 for f in json.loads(proc.stdout)["findings"]}
    return proc, found


def build_with_plugin(args, sample, policy, facts, summaries=None):
    arguments = {"policy": policy, "facts": facts}
    if summaries:
        arguments["summaries"] = summaries
    for _ in run_plugin(args.plugin, args.clangxx, sample, arguments):
        pass


def build_with_tidy(args, sample, policy, facts, summaries):
    options = {"PolicyFile": policy, "FactsDir": facts}
    if summaries:
        options["SummariesFile"] = summaries
    for _ in run_tidy(args.tidy_module, args.clang_tidy, sample, options):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tool", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--tidy-module", required=True)
    parser.add_argument("--clangxx", default="clang++")
    parser.add_argument("--clang-tidy", default="clang-tidy")
    parser.add_argument("sample")
    args = parser.parse_args()
    args.tool, args.plugin, args.tidy_module = (
        os.path.abspath(p) for p in (args.tool, args.plugin, args.tidy_module))
    sample = pathlib.Path(args.sample).resolve()
    policy = sample / "privacy-policy.yaml"
    failures = 0

    def check(what, ok, detail=""):
        nonlocal failures
        print(f"{'ok  ' if ok else 'FAIL'} {what}" + ("" if ok else f"\n     {detail}"))
        failures += not ok

    with tempfile.TemporaryDirectory(prefix="policycheck-link-") as scratch:
        scratch = pathlib.Path(scratch)
        expected = tool_findings(args.tool, sample, scratch / "tool-summaries.json")
        for name, build in (("plugin", build_with_plugin), ("clang-tidy", build_with_tidy)):
            facts, summaries = scratch / f"facts-{name}", scratch / f"summaries-{name}.json"
            build(args, sample, policy, facts, None)
            first, _ = link(args.tool, sample, facts, "--summaries", str(summaries))
            check(f"{name}: link over a first build's facts runs",
                  first.returncode in (0, 1) and summaries.exists(), first.stderr)
            # Each build with the summaries the last link wrote carries the
            # flows one call further across files; a chain N files deep is
            # current after N builds with summaries.
            for builds in range(1, 5):
                build(args, sample, policy, facts, summaries)
                second, found = link(args.tool, sample, facts, "--summaries", str(summaries))
                if "warning" not in second.stderr:
                    break
            check(f"{name}: after {builds} build(s) with the summaries, link warns of nothing",
                  second.returncode in (0, 1) and "warning" not in second.stderr,
                  second.stderr)
            missing, extra = expected - found, found - expected
            check(f"{name}: link prints the tool's {len(expected)} findings",
                  not missing and not extra,
                  f"missing {sorted(missing)}; extra {sorted(extra)}")

        facts = scratch / "facts-plugin"
        entries = sorted(facts.glob("*.json"))
        gone = json.loads(entries[0].read_text())
        gone["source"] = str(scratch / "deleted.cpp")
        (facts / "deleted.json").write_text(json.dumps(gone))
        proc, _ = link(args.tool, sample, facts, "--verbose")
        check("the facts of a deleted source are skipped",
              proc.returncode in (0, 1) and "skipped 1 of deleted sources" in proc.stderr,
              proc.stderr)
        text = entries[0].read_text()
        entries[0].write_text(text[:len(text) // 2])
        proc, _ = link(args.tool, sample, facts)
        errors = [l for l in proc.stderr.splitlines() if "error:" in l]
        check("a facts file cut short is one error naming it",
              proc.returncode == 2 and len(errors) == 1 and str(entries[0]) in errors[0],
              proc.stderr)
    print("all passed" if not failures else f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
