#!/usr/bin/env python3
"""Every seed policy validates, and `explain` prints it as its golden file says.

For each test-inputs/<service>/privacy-policy.yaml: `policycheck validate`
exits 0, and `policycheck explain` exits 0 and prints exactly the text of
test-inputs/<service>/explain.expected (reviewed by a person against the
written policy). `--update` rewrites the golden files after such a review.
Run from the project root.
"""
import argparse
import difflib
import pathlib
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tool", required=True)
    parser.add_argument("--inputs", required=True)
    parser.add_argument("--update", action="store_true")
    args = parser.parse_args()

    root = pathlib.Path(args.inputs)
    if root.is_absolute():
        root = root.relative_to(pathlib.Path.cwd())
    policies = sorted(root.glob("*/privacy-policy.yaml"))
    passed = failed = 0
    for policy in policies:
        validate = subprocess.run([args.tool, "validate", str(policy)],
                                  capture_output=True, text=True)
        if validate.returncode != 0:
            failed += 1
            print(f"FAIL {policy}: validate exited {validate.returncode}\n"
                  f"{validate.stderr}")
            continue
        explain = subprocess.run([args.tool, "explain", str(policy)],
                                 capture_output=True, text=True)
        golden = policy.parent / "explain.expected"
        if explain.returncode != 0:
            failed += 1
            print(f"FAIL {policy}: explain exited {explain.returncode}\n"
                  f"{explain.stderr}")
            continue
        if args.update:
            golden.write_text(explain.stdout, encoding="utf-8")
        if not golden.exists():
            failed += 1
            print(f"FAIL {policy}: no golden file {golden} (run with --update "
                  "and review it against the written policy)")
            continue
        want = golden.read_text(encoding="utf-8")
        if explain.stdout != want:
            failed += 1
            diff = difflib.unified_diff(want.splitlines(), explain.stdout.splitlines(),
                                        str(golden), "explain output", lineterm="")
            print(f"FAIL {policy}: explain differs from {golden}\n" + "\n".join(diff))
            continue
        passed += 1
        print(f"PASS {policy}")
    if len(policies) < 4:
        print(f"expected the four seed policies, found {len(policies)}")
        failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
