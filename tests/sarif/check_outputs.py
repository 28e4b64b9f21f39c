#!/usr/bin/env python3
"""The tool's CI outputs and exit statuses.

- `--format sarif` passes the official SARIF validator
  (@microsoft/sarif-multitool, installed by scripts/setup.sh into
  tests/sarif/node_modules) with no error, and holds every finding with its
  rule and notes as related locations;
- `--format github` prints one workflow command per finding;
- exit status: 0 clean, 1 findings, 2 usage or policy error.
"""
import argparse
import json
import os
import pathlib
import pty
import re
import stat
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"PASS {name}")
    else:
        failed += 1
        print(f"FAIL {name}\n     {detail}")


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def run_on_terminal(cmd, **kw):
    """(exit status, what the command wrote to its stderr) with stderr on a
    pseudo-terminal, as in an interactive shell; stdout stays a pipe."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=slave, **kw)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the terminal's last writer has gone
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    proc.stdout.read()
    return proc.wait(), seen.decode(errors="replace")


def validator():
    base = HERE / "node_modules" / "@microsoft" / "sarif-multitool-linux"
    # npm may skip the package's postinstall chmod; the binary is ours to run.
    for exe in base.rglob("Sarif.Multitool"):
        exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    return HERE / "node_modules" / ".bin" / "sarif-multitool"


# The checks, from the one registry every front-end reads.
CHECKS = re.findall(r'^CHECK\(\w+, "(privacy-[a-z-]+)"',
                    (pathlib.Path(__file__).resolve().parents[2] / "plugin" / "include" /
                     "policycheck" / "Checks.def").read_text(), re.M)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tool", required=True)
    parser.add_argument("sample")
    args = parser.parse_args()
    tool = os.path.abspath(args.tool)
    sample = pathlib.Path(args.sample).resolve()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        sarif = tmp / "findings.sarif"
        proc = run([tool, "-p", str(sample), "--format", "sarif", "--output", str(sarif)],
                   cwd=sample)
        check("sarif run exits 1 (findings)", proc.returncode == 1, proc.stderr)
        expected = json.loads(run([tool, "-p", str(sample), "--format", "json"],
                                  cwd=sample).stdout)["findings"]
        log = json.loads(sarif.read_text())
        results = log["runs"][0]["results"]
        rules = log["runs"][0]["tool"]["driver"]["rules"]
        check("sarif holds every finding", len(results) == len(expected),
              f"{len(results)} results, {len(expected)} findings")
        check("sarif has a rule per check with help, its page in Markdown",
              sorted(r["id"] for r in rules) == sorted(CHECKS)
              and all(r.get("help", {}).get("text") for r in rules)
              and all(r["help"].get("markdown", "").startswith("# " + r["id"]) for r in rules),
              [r.get("help", {}).get("markdown", "")[:40] for r in rules])
        run_ = log["runs"][0]
        check("sarif names the policy as an artifact and the run's category",
              any("policy" in a.get("roles", []) and
                  a["location"]["uri"].endswith("privacy-policy.yaml")
                  for a in run_.get("artifacts", []))
              and run_.get("automationDetails", {}).get("id") == "policycheck/",
              json.dumps({k: run_.get(k) for k in ("artifacts", "automationDetails")}))
        with_notes = [r for r in results if r.get("relatedLocations")]
        check("sarif notes are related locations", len(with_notes) == len(results))
        check("sarif paths are relative to the source root",
              all(r["locations"][0]["physicalLocation"]["artifactLocation"]
                  .get("uriBaseId") == "%SRCROOT%" for r in results))
        # Code scanning's paths: a thread flow per source, from it through
        # the finding's call (a finding with no place in the code on its way,
        # such as an undeclared vendor sent nothing, has none), and the
        # fingerprints an upload matches by.
        by_place = {(f["location"]["line"], f["check"], f["message"]): f for f in expected}
        def flow_ok(r):
            primary = r["locations"][0]["physicalLocation"]["region"]["startLine"]
            finding = by_place.get((primary, r["ruleId"], r["message"]["text"]))
            code_notes = [n for n in (finding or {}).get("notes", [])
                          if n.get("kind") != "policy" and "location" in n]
            threads = [t for f in r.get("codeFlows", []) for t in f["threadFlows"]]
            if not code_notes:
                return finding is not None and not threads
            return threads and all(
                any(l["location"]["physicalLocation"]["region"]["startLine"] == primary
                    for l in t["locations"]) for t in threads)
        check("sarif results carry code flows through the finding's call",
              all(flow_ok(r) for r in results), [r.get("codeFlows") for r in results][:2])
        check("sarif results carry partial fingerprints",
              all(r.get("partialFingerprints", {}).get("policycheck/v1")
                  and r["partialFingerprints"].get("primaryLocationLineHash") for r in results))
        out = run([str(validator()), "validate", str(sarif)])
        errors = [l for l in out.stdout.splitlines() if re.search(r": error ", l)]
        check("the official SARIF validator finds no error",
              out.returncode == 0 and "Analysis completed successfully" in out.stdout
              and not errors, "\n     ".join(errors) or out.stdout + out.stderr)

        gh = run([tool, "-p", str(sample), "--format", "github"], cwd=sample)
        lines = gh.stdout.splitlines()
        pattern = re.compile(r"^::warning file=[^,:]+,line=\d+,col=\d+,title=privacy-[a-z-]+::\S")
        check("github prints one annotation per finding",
              len(lines) == len(expected) and all(pattern.match(l) for l in lines),
              gh.stdout[:500])

        # The data map, written where the tool was started even with -j 2
        # (the analysis moves into each compile command's folder).
        r = run([tool, "-p", str(sample), "-j", "2", "--data-map", "map.md"], cwd=tmp)
        data_map = tmp / "map.md"
        check("data map written relative to where the tool started",
              r.returncode == 1 and data_map.is_file()
              and "| category | destination | flows | where |" in data_map.read_text(),
              r.stderr)
        r = run([tool, "-p", str(sample), "--data-map", "map.json"], cwd=tmp)
        flows = json.loads((tmp / "map.json").read_text())["flows"] if r.returncode == 1 else []
        check("data map JSON lists every flow with its destination",
              len(flows) >= len(expected) and all("destination" in f for f in flows),
              r.stderr)

        # The progress line: on a terminal, one `[done/total] file` per TU
        # parsed (without the cache: every one), each over the last, and the
        # line cleared at the end; nothing of it when stderr is read by a
        # program (every run above). Linking rounds count on their own line.
        files = len(json.loads((sample / "compile_commands.json").read_text()))
        status, tty = run_on_terminal([tool, "--no-cache", "-p", str(sample), "-j", "2"],
                                      cwd=sample)
        steps = re.findall(r"\r\x1b\[K\[(\d+)/(\d+)\] \S+\.c\S*", tty)
        check("progress line on a terminal counts every file and is cleared",
              status == 1 and [int(d) for d, _ in steps] == list(range(1, files + 1))
              and all(int(t) == files for _, t in steps) and tty.endswith("\r\x1b[K"),
              repr(tty[-300:]))
        check("no progress line when stderr is not a terminal",
              "\x1b[K" not in gh.stderr and "\x1b[K" not in r.stderr, repr(gh.stderr[:200]))

        # Exit statuses.
        clean = tmp / "clean"
        clean.mkdir()
        (clean / "ok.cpp").write_text("#include <string>\nint count(const std::string& s) { return int(s.size()); }\n")
        (clean / "compile_commands.json").write_text(json.dumps(
            [{"directory": str(clean), "file": "ok.cpp",
              "arguments": ["clang++", "-std=c++17", "-c", "ok.cpp"]}]))
        policy = sample / "privacy-policy.yaml"
        r = run([tool, "--policy", str(policy), "-p", str(clean)])
        check("exit 0 on clean code", r.returncode == 0, r.stdout + r.stderr)
        bad_policy = HERE.parent.parent / "test-inputs" / "bad-policies" / "02-unknown-category-field.yaml"
        r = run([tool, "--policy", str(bad_policy), "-p", str(clean)])
        check("exit 2 on a broken policy, with its error",
              r.returncode == 2 and "unknown key 'retension'" in r.stderr, r.stderr)
        r = run([tool, "--policy", str(policy), "-p", str(clean), "--frobnicate"])
        check("exit 2 on an unknown option", r.returncode == 2, r.stderr)
        r = run([tool, "--policy", str(policy)])
        check("exit 2 without -p", r.returncode == 2, r.stderr)
        (clean / "broken.cpp").write_text("int f( {\n")
        (clean / "compile_commands.json").write_text(json.dumps(
            [{"directory": str(clean), "file": "broken.cpp",
              "arguments": ["clang++", "-std=c++17", "-c", "broken.cpp"]}]))
        r = run([tool, "--policy", str(policy), "-p", str(clean)])
        check("exit 2 on code that does not compile, with the compiler's error",
              r.returncode == 2 and "broken.cpp:1:" in r.stderr, r.stderr)

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
