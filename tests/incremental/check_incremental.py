#!/usr/bin/env python3
"""The tool's cache: a rerun parses only what changed, with identical output.

On copies of two whole-program samples (in a temporary folder), runs the real
policycheck binary with --verbose (which names each file it parses) and checks:

- a cold run parses every file; a rerun with nothing changed parses none and
  prints the same findings, byte for byte;
- after a change to one .cpp that no other file takes summaries from, only
  that file is parsed, and the output is what a run without the cache
  (--no-cache) prints;
- after a change to a header, exactly the files that include it are parsed;
- a cache entry cut short is a miss (that file is parsed again), never an
  error; a changed policy parses every file again.
"""
import argparse
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

PARSING = re.compile(r"^policycheck: round \d+: parsing (?P<file>.+)$")


def run(tool, sample, *extra):
    proc = subprocess.run([tool, "--verbose", "-p", str(sample), *extra],
                          capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"policycheck exited {proc.returncode}:\n{proc.stderr}")
    parsed = {pathlib.Path(m["file"]).name
              for m in map(PARSING.match, proc.stderr.splitlines()) if m}
    return proc.stdout, parsed


class Checker:
    def __init__(self):
        self.failures = 0

    def expect(self, what, actual, expected):
        ok = actual == expected
        print(f"{'ok  ' if ok else 'FAIL'} {what}" +
              ("" if ok else f"\n     got:      {actual!r}\n     expected: {expected!r}"))
        self.failures += not ok


def touch_with_comment(path):
    with open(path, "a") as f:
        f.write("// changed by check_incremental.py\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tool", required=True)
    parser.add_argument("samples", help="test-inputs/whole-program")
    args = parser.parse_args()
    tool = str(pathlib.Path(args.tool).resolve())
    samples = pathlib.Path(args.samples).resolve()
    check = Checker()
    with tempfile.TemporaryDirectory(prefix="policycheck-incremental-") as scratch:
        # wrapper: signup.cpp's functions are called from nowhere else.
        wrapper = pathlib.Path(scratch) / "wrapper"
        fresh = shutil.ignore_patterns(".policycheck-cache")
        shutil.copytree(samples / "wrapper", wrapper, ignore=fresh)
        all_files = {p.name for p in (wrapper / "src").glob("*.cpp")}
        cold, parsed = run(tool, wrapper)
        check.expect("cold run parses every file", parsed, all_files)
        again, parsed = run(tool, wrapper)
        check.expect("rerun parses nothing", parsed, set())
        check.expect("rerun prints the same findings", again, cold)
        touch_with_comment(wrapper / "src" / "signup.cpp")
        changed, parsed = run(tool, wrapper)
        check.expect("a changed leaf .cpp: only it is parsed", parsed, {"signup.cpp"})
        uncached, _ = run(tool, wrapper, "--no-cache")
        check.expect("after the change, the output is a cold run's", changed, uncached)

        entries = sorted((wrapper / ".policycheck-cache").glob("*.json"))
        check.expect("one cache entry per file", len(entries), len(all_files))
        text = entries[0].read_text()
        entries[0].write_text(text[:len(text) // 2])
        cut, parsed = run(tool, wrapper)
        check.expect("an entry cut short: one file parsed again", len(parsed), 1)
        check.expect("an entry cut short: same output", cut, uncached)

        # A file gone from the build: its entry goes too.
        (wrapper / "src" / "extra.cpp").write_text("int unused() { return 0; }\n")
        database = wrapper / "compile_commands.json"
        entries_json = database.read_text()
        listed = json.loads(entries_json)
        listed.append(dict(listed[0], file="src/extra.cpp",
                           arguments=[a if a != listed[0]["file"] else "src/extra.cpp"
                                      for a in listed[0].get("arguments", [])])
                      if "arguments" in listed[0] else
                      dict(listed[0], file="src/extra.cpp",
                           command=listed[0]["command"].replace(listed[0]["file"], "src/extra.cpp")))
        database.write_text(json.dumps(listed))
        _, parsed = run(tool, wrapper)
        check.expect("a file added to the build: only it is parsed", parsed, {"extra.cpp"})
        database.write_text(entries_json)
        run(tool, wrapper)
        check.expect("a file gone from the build: its cache entry goes",
                     len(list((wrapper / ".policycheck-cache").glob("*.json"))), len(all_files))

        policy = wrapper / "privacy-policy.yaml"
        policy.write_text(policy.read_text() + "\n# reviewed\n")
        _, parsed = run(tool, wrapper)
        check.expect("a changed policy parses every file", parsed, all_files)

        # guess-negatives: email_tools.h is included by email_tools.cpp and
        # main.cpp, not by config.cpp.
        guess = pathlib.Path(scratch) / "guess-negatives"
        shutil.copytree(samples / "guess-negatives", guess, ignore=fresh)
        run(tool, guess)
        touch_with_comment(guess / "src" / "email_tools.h")
        changed, parsed = run(tool, guess)
        check.expect("a changed header: the files that include it are parsed", parsed,
                     {"email_tools.cpp", "main.cpp"})
        uncached, _ = run(tool, guess, "--no-cache")
        check.expect("after the header change, the output is a cold run's", changed,
                     uncached)
    print(f"{'all passed' if not check.failures else f'{check.failures} failed'}")
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
