#!/usr/bin/env python3
"""A summaries file the plugin or clang-tidy cannot use is one clear error.

Writes the summaries of a whole-program sample with the real policycheck
binary, then gives the real clang++ (plugin argument summaries=FILE) and the
real clang-tidy (option SummariesFile) that file cut in half, a file of
another format, and a missing file: each run must fail with exactly one
error that names the file, and never crash or report findings from a partial
file.
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tool", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--tidy-module", required=True)
    parser.add_argument("--clangxx", default="clang++")
    parser.add_argument("--clang-tidy", default="clang-tidy")
    parser.add_argument("sample")
    args = parser.parse_args()
    sample = pathlib.Path(args.sample).resolve()
    policy = sample / "privacy-policy.yaml"
    source = sorted((sample / "src").glob("*.cpp"))[0]
    failures = 0
    with tempfile.TemporaryDirectory(prefix="policycheck-summaries-") as scratch:
        scratch = pathlib.Path(scratch)
        good = scratch / "good.json"
        proc = subprocess.run([args.tool, "--no-cache", "--summaries", str(good),
                               "-p", str(sample)], capture_output=True, text=True)
        if proc.returncode not in (0, 1) or not good.exists():
            raise SystemExit(f"policycheck --summaries failed:\n{proc.stderr}")
        text = good.read_text()
        cut = scratch / "cut.json"
        cut.write_text(text[:len(text) // 2])
        other = scratch / "other.json"
        other.write_text(json.dumps({"format": "something-else"}))
        missing = scratch / "missing.json"
        cases = [(cut, "cut short or edited"),
                 (other, "not a policycheck summaries file"),
                 (missing, "cannot read summaries file")]
        for path, words in cases:
            runs = {
                "plugin": subprocess.run(
                    [args.clangxx, "-std=c++17", f"-I{sample / 'src'}", "-fsyntax-only",
                     f"-fplugin={args.plugin}", f"-fplugin-arg-policycheck-policy={policy}",
                     f"-fplugin-arg-policycheck-summaries={path}", str(source)],
                    capture_output=True, text=True),
                "clang-tidy": subprocess.run(
                    [args.clang_tidy, f"--load={args.tidy_module}", "-checks=-*,privacy-*",
                     "-config=" + json.dumps({"CheckOptions": [
                         {"key": "PolicyFile", "value": str(policy)},
                         {"key": "SummariesFile", "value": str(path)}]}),
                     "--quiet", str(source), "--", "-std=c++17", f"-I{sample / 'src'}"],
                    capture_output=True, text=True),
            }
            for name, proc in runs.items():
                out = proc.stdout + proc.stderr
                errors = [l for l in out.splitlines() if "error:" in l]
                ok = (proc.returncode != 0 and len(errors) == 1 and words in errors[0]
                      and str(path) in errors[0] and "warning:" not in out)
                print(f"{'ok  ' if ok else 'FAIL'} {name} with {path.name}: "
                      f"{errors[0] if errors else out.strip()[:300]}")
                failures += not ok
    print("all passed" if not failures else f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
