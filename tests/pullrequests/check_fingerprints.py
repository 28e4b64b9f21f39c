#!/usr/bin/env python3
"""Fingerprints and the baseline, on a copy of a sample, with the real tool.

Contract section 7: a finding's fingerprint is made of its check, category,
destination, enclosing function and sink line's text without its spaces,
never a line number. On a copy of test-inputs/whole-program/wrapper:

1. every finding has a fingerprint, in JSON and in SARIF (partialFingerprints,
   beside GitHub's primaryLocationLineHash), and no two share one, even two
   alike on one line;
2. the fingerprints stay the same when lines are inserted above the
   findings, when the files are re-indented, and when an unrelated function
   is added or changed;
3. `--write-baseline` writes a sorted, valid baseline; `--baseline` then
   reports nothing and exits 0; a new flow is the one finding reported (exit
   1); a flow removed is listed as a fixed baseline entry; the data map's
   change (flows added and removed) is said on stderr, in the JSON and in
   SARIF's run properties;
   `link` takes the same options; a file that is no baseline is one error
   naming it (exit 2).
"""
import argparse
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

SAMPLE = pathlib.Path(__file__).resolve().parents[2] / "test-inputs" / "whole-program" / "wrapper"


def run(tool, project, *extra):
    proc = subprocess.run([tool, "--no-cache", "-p", str(project), *extra],
                          capture_output=True, text=True)
    return proc


def findings(tool, project, *extra):
    proc = run(tool, project, "--format", "json", *extra)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"policycheck exited {proc.returncode}:\n{proc.stderr}")
    return json.loads(proc.stdout)["findings"], proc


def identities(found):
    """Fingerprint -> what the finding is, without its place."""
    return {f["fingerprint"]: (f["check"], f["category"], f["destination"], f["function"])
            for f in found}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tool", required=True)
    args = parser.parse_args()
    tool = str(pathlib.Path(args.tool).resolve())
    failures = 0

    def check(what, ok, detail=""):
        nonlocal failures
        print(f"{'ok  ' if ok else 'FAIL'} {what}" + ("" if ok else f"\n     {detail}"))
        failures += not ok

    with tempfile.TemporaryDirectory(prefix="policycheck-fingerprints-") as scratch:
        project = pathlib.Path(scratch) / "wrapper"
        shutil.copytree(SAMPLE, project, ignore=shutil.ignore_patterns(".policycheck-cache"))
        signup, sessions = project / "src" / "signup.cpp", project / "src" / "sessions.cpp"

        before, _ = findings(tool, project)
        prints = [f["fingerprint"] for f in before]
        check("every finding has a fingerprint", before and all(prints), before)
        check("no two findings share a fingerprint", len(set(prints)) == len(prints), prints)

        sarif = json.loads(run(tool, project, "--format", "sarif").stdout)
        results = sarif["runs"][0]["results"]
        check("SARIF carries the fingerprint and GitHub's line hash",
              sorted(r["partialFingerprints"]["policycheck/v1"] for r in results) == sorted(prints)
              and all(":" in r["partialFingerprints"]["primaryLocationLineHash"] for r in results),
              [r.get("partialFingerprints") for r in results])

        # Two alike on one line: the same call twice.
        original = signup.read_text()
        line = "  net::post(endpoints::kPosthogCapture, capture.dump());"
        twice = original.replace(line + "  // expect:", line[:-1] + "; " + line.strip() + "  // expect:")
        signup.write_text(twice)
        doubled, _ = findings(tool, project)
        doubled_prints = [f["fingerprint"] for f in doubled]
        check("two alike findings on one line get two fingerprints",
              len(doubled) == len(before) + 1 and len(set(doubled_prints)) == len(doubled),
              doubled_prints)
        signup.write_text(original)

        for name, edit in (
                ("lines inserted above", lambda t: "// a\n// b\n#include <string>\n" + t),
                ("re-indented", lambda t: "\n".join("    " + l if l.strip() else l
                                                     for l in t.splitlines()) + "\n"),
                ("an unrelated function added",
                 lambda t: t.replace("namespace tb::signup {",
                                     "namespace tb::signup {\nint unrelated(int x) { return x * 2; }\n"))):
            for path in (signup, sessions):
                path.write_text(edit(path.read_text()))
            after, _ = findings(tool, project)
            moved = sorted(f["location"]["line"] for f in after) != sorted(
                f["location"]["line"] for f in before)
            check(f"{name}: the same fingerprints" + (" (the lines moved)" if moved else ""),
                  identities(after) == identities(before),
                  f"before {identities(before)}\n     after {identities(after)}")

        # The baseline.
        shutil.rmtree(project)
        shutil.copytree(SAMPLE, project, ignore=shutil.ignore_patterns(".policycheck-cache"))
        baseline = project / "policycheck-baseline.json"
        proc = run(tool, project, "--write-baseline", str(baseline))
        entries = json.loads(baseline.read_text())["findings"] if baseline.exists() else []
        check("--write-baseline records every finding, sorted",
              proc.returncode == 1 and len(entries) == len(before)
              and entries == sorted(entries, key=lambda e: (e["file"], e["function"], e["check"],
                                                            e["category"], e["destination"],
                                                            e["fingerprint"])),
              proc.stderr + baseline.read_text() if baseline.exists() else proc.stderr)
        none, proc = findings(tool, project, "--baseline", str(baseline))
        check("--baseline: nothing new, exit 0", not none and proc.returncode == 0,
              f"exit {proc.returncode} {none} {proc.stderr}")
        link_dir = pathlib.Path(scratch) / "facts"
        run(tool, project, "--facts", str(link_dir))
        proc = subprocess.run([tool, "link", str(link_dir), "--baseline", str(baseline)],
                              capture_output=True, text=True)
        check("link --baseline: nothing new, exit 0", proc.returncode == 0 and not proc.stdout,
              proc.stdout + proc.stderr)

        # A new flow (a new function sending the name to PostHog) and a flow
        # removed (the Segment call).
        text = signup.read_text()
        text = text.replace("  net::post(endpoints::kSegmentTrack, track.dump());", "  (void)track;")
        text = text.replace("}  // namespace tb::signup",
                            "void on_renamed(const User& user) {\n"
                            "  nlohmann::json c = {{\"event\", \"renamed\"}, {\"properties\", "
                            "{{\"name\", user.name}}}};\n"
                            "  net::post(endpoints::kPosthogCapture, c.dump());\n}\n\n"
                            "}  // namespace tb::signup")
        signup.write_text(text)
        new, proc = findings(tool, project, "--baseline", str(baseline))
        check("a new flow is the one finding reported (exit 1)",
              proc.returncode == 1 and len(new) == 1
              and new[0]["function"] == "tb::signup::on_renamed", new)
        check("a flow removed is a fixed baseline entry",
              "1 baseline entry no longer found" in proc.stderr
              and "privacy-undeclared-vendor -> segment in 'tb::signup::on_signed_up'" in proc.stderr,
              proc.stderr)
        changes = json.loads(run(tool, project, "--format", "json", "--baseline",
                                 str(baseline)).stdout).get("flowChanges", {})
        new_flows = {(f["category"], f["destinationId"], f["file"]) for f in changes.get("new", [])}
        removed = {(f["category"], f["destinationId"], f["file"])
                   for f in changes.get("removed", [])}
        sarif = json.loads(run(tool, project, "--format", "sarif", "--baseline",
                               str(baseline)).stdout)
        in_sarif = sarif["runs"][0].get("properties", {}).get("flowChanges", {})
        check("SARIF's run properties carry the same change", in_sarif == changes, in_sarif)
        check("the data map's change: the new flow, and the flows removed",
              new_flows == {("user.name", "posthog", "src/signup.cpp")}
              and ("user.contact.email", "segment", "src/signup.cpp") in removed
              and all(d == "segment" for _, d, _ in removed)
              and "new: user.name -> posthog" in proc.stderr, f"{changes}\n{proc.stderr}")

        bogus = project / "bogus.json"
        bogus.write_text("{}")
        proc = run(tool, project, "--baseline", str(bogus))
        errors = [l for l in proc.stderr.splitlines() if "error:" in l]
        check("a file that is no baseline is one error naming it (exit 2)",
              proc.returncode == 2 and len(errors) == 1 and str(bogus) in errors[0], proc.stderr)
    print("all passed" if not failures else f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
