#!/usr/bin/env python3
"""Every malformed policy under test-inputs/bad-policies gives exactly one error.

Each file states, in its header, the error it must produce:

    # expect-error: 7:5: unknown key 'retension' in 'categories.user.name'; did you mean 'retention'?

`policycheck validate FILE` must exit 2 and print exactly
`FILE:7:5: error: unknown key ...` and nothing else. Run from the project root.
"""
import argparse
import pathlib
import subprocess
import sys

MARKER = "# expect-error: "


def expected_error(path):
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(MARKER):
            return line[len(MARKER):]
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tool", required=True)
    parser.add_argument("--inputs", required=True)
    args = parser.parse_args()

    root = pathlib.Path(args.inputs) / "bad-policies"
    files = sorted(root.glob("*.yaml"))
    passed = failed = 0
    for path in files:
        rel = path.relative_to(pathlib.Path.cwd()) if path.is_absolute() else path
        want = expected_error(path)
        if want is None:
            print(f"FAIL {rel}: no '{MARKER.strip()}' header")
            failed += 1
            continue
        proc = subprocess.run([args.tool, "validate", str(rel)],
                              capture_output=True, text=True)
        want_line = f"{rel}:{want}"
        # `L:C: message` in the header becomes `FILE:L:C: error: message`.
        loc, _, message = want.partition(": ")
        want_line = f"{rel}:{loc}: error: {message}"
        got = proc.stderr.rstrip("\n")
        problems = []
        if proc.returncode != 2:
            problems.append(f"exit status {proc.returncode}, expected 2")
        if proc.returncode < 0:
            problems.append("the tool crashed")
        if got != want_line:
            problems.append(f"expected: {want_line}\n       got:      {got}")
        if problems:
            failed += 1
            print(f"FAIL {rel}\n       " + "\n       ".join(problems))
        else:
            passed += 1
            print(f"PASS {rel}")
    if not files:
        print(f"no bad policies under {root}")
        failed += 1
    elif len(files) < 20:
        print(f"only {len(files)} bad policies; the catalogue needs at least 20")
        failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
