#!/usr/bin/env python3
"""Only what a change touches: --diff-base and --changed-lines, with the real
tool, on a copy of test-inputs/whole-program/wrapper made a git repository.

Contract section 7: the findings whose path (the sink, the source, any step
between, the policy line) touches an added or changed line are reported, and
only those:

1. a change to the inner sink of a wrapper in net.cpp reports the finding
   at the unchanged call in sessions.cpp whose path goes through it;
2. a change to a source line reports the finding it feeds;
3. a change to the policy's vendors reports the findings that name them;
4. a change to nothing on any path reports nothing (exit 0);
5. the same through --changed-lines FILE and --changed-lines - (stdin);
6. a diff that is not one is one error naming it and its line; both options
   at once are a usage error.
"""
import argparse
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

SAMPLE = pathlib.Path(__file__).resolve().parents[2] / "test-inputs" / "whole-program" / "wrapper"


def git(repo, *args):
    return subprocess.run(["git", "-c", "user.email=ci@example.com", "-c", "user.name=CI",
                           *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def reported(tool, repo, *extra, stdin=None):
    proc = subprocess.run([tool, "--no-cache", "--format", "json", "-p", str(repo), *extra],
                          cwd=repo, capture_output=True, text=True, input=stdin)
    found = set()
    if proc.returncode in (0, 1):
        found = {(pathlib.Path(f["location"]["file"]).name, f["location"]["line"], f["check"])
                 for f in json.loads(proc.stdout)["findings"]}
    return proc, found


def edit_line(path, number, suffix):
    lines = path.read_text().splitlines(keepends=True)
    lines[number - 1] = lines[number - 1].rstrip("\n") + suffix + "\n"
    path.write_text("".join(lines))


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

    with tempfile.TemporaryDirectory(prefix="policycheck-changed-") as scratch:
        repo = pathlib.Path(scratch) / "wrapper"
        shutil.copytree(SAMPLE, repo, ignore=shutil.ignore_patterns(".policycheck-cache"))
        git(repo, "init", "-q")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "base")
        _, everything = reported(tool, repo)

        # Lines on the findings' paths in the sample as it is: net.cpp:41 is
        # send_to_posthog's curl call, signup.cpp:19 the JSON with the email
        # for PostHog, privacy-policy.yaml:46 the vendors' section.
        cases = [
            ("a wrapper's inner sink in another file", [("src/net.cpp", 41)],
             {("sessions.cpp", 14, "privacy-vendor-category")}),
            ("a source line", [("src/signup.cpp", 19)],
             {("signup.cpp", 20, "privacy-vendor-category")}),
            ("the policy's vendors", [("privacy-policy.yaml", 46)],
             {("sessions.cpp", 22, "privacy-undeclared-vendor"),
              ("signup.cpp", 16, "privacy-undeclared-vendor")}),
            ("nothing on any path", [("src/user.h", 1)], set()),
        ]
        for name, edits, expected in cases:
            for file, line in edits:
                comment = "  # edited" if file.endswith(".yaml") else "  // edited"
                edit_line(repo / file, line, comment)
            proc, found = reported(tool, repo, "--diff-base", "HEAD")
            check(f"--diff-base: {name}: exactly {sorted(expected)}",
                  found == expected and proc.returncode == (1 if expected else 0),
                  f"exit {proc.returncode}, found {sorted(found)}\n{proc.stderr}")
            diff = git(repo, "diff", "HEAD")
            (repo.parent / "change.diff").write_text(diff)
            proc, by_file = reported(tool, repo, "--changed-lines", str(repo.parent / "change.diff"))
            proc, by_stdin = reported(tool, repo, "--changed-lines", "-", stdin=diff)
            check(f"--changed-lines FILE and -: {name}: the same",
                  by_file == expected and by_stdin == expected,
                  f"file {sorted(by_file)}, stdin {sorted(by_stdin)}\n{proc.stderr}")
            git(repo, "checkout", "-q", "--", ".")
        check("the sample has findings off every changed path",
              len(everything) == 5, sorted(everything))

        bogus = repo.parent / "bogus.diff"
        bogus.write_text("+++ b/src/net.cpp\n@@ not a hunk @@\n")
        proc, _ = reported(tool, repo, "--changed-lines", str(bogus))
        errors = [l for l in proc.stderr.splitlines() if "error:" in l]
        check("a diff that is not one is one error naming it and its line",
              proc.returncode == 2 and len(errors) == 1 and f"{bogus}:2:" in errors[0],
              proc.stderr)
        proc, _ = reported(tool, repo, "--changed-lines", str(bogus), "--diff-base", "HEAD")
        check("--changed-lines with --diff-base is a usage error",
              proc.returncode == 2 and "give one" in proc.stderr, proc.stderr)
    print("all passed" if not failures else f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
