#!/usr/bin/env python3
"""The compiler plugin adds nothing to the object file.

Compiles one translation unit with and without the plugin (and with
findings present) and requires byte-identical object files: the plugin only
reports; it changes no code generation.
"""
import argparse
import filecmp
import json
import os
import pathlib
import subprocess
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--clangxx", default="clang++")
    parser.add_argument("sample")
    args = parser.parse_args()
    plugin = os.path.abspath(args.plugin)
    sample = pathlib.Path(args.sample).resolve()
    entry = json.loads((sample / "compile_commands.json").read_text())[0]
    flags = [a for a in entry["arguments"][1:] if a not in ("-c", entry["file"])]
    with tempfile.TemporaryDirectory() as tmp:
        plain, checked = pathlib.Path(tmp) / "plain.o", pathlib.Path(tmp) / "checked.o"
        base = [args.clangxx, *flags, "-c", entry["file"]]
        a = subprocess.run([*base, "-o", str(plain)], cwd=sample, capture_output=True, text=True)
        b = subprocess.run([*base, f"-fplugin={plugin}", "-o", str(checked)], cwd=sample,
                           capture_output=True, text=True)
        ok = (a.returncode == 0 and b.returncode == 0 and "[privacy-" in b.stderr
              and filecmp.cmp(plain, checked, shallow=False))
        print(("PASS" if ok else "FAIL") +
              f" {entry['file']}: object files identical with and without the plugin")
        if not ok:
            print(a.stderr, b.stderr)
        print(f"{int(ok)} passed, {int(not ok)} failed")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
