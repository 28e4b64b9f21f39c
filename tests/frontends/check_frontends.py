#!/usr/bin/env python3
"""The three front-ends report the same findings on a sample code base.

Runs the policycheck tool (JSON, writing the program's summaries with
--summaries), then the real clang++ with the compiler plugin and the real
clang-tidy with the module over every translation unit of the sample's
compile_commands.json, each given those summaries (plugin argument
summaries=FILE, option SummariesFile), and fails on any finding one reports
and another does not (file, line, column, check and message must agree): the
whole-program findings of the tool are what an ordinary build prints. The
tool's findings are themselves held to the expectations in the code by
tests/samples/check_expectations.py.
"""
import argparse
import json
import os
import pathlib
import re
import shlex
import subprocess
import sys
import tempfile

DIAG = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?:warning|error): "
                  r"(?P<message>.*) \[(?P<check>privacy-[a-z-]+)\]$")


def norm(sample, path):
    p = pathlib.Path(path)
    if not p.is_absolute():
        p = sample / p
    return os.path.normpath(str(p))


def tool_findings(tool, sample, summaries):
    proc = subprocess.run([tool, "--format", "json", "--summaries", str(summaries),
                           "-p", str(sample)],
                          capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"policycheck exited {proc.returncode}:\n{proc.stderr}")
    return {(norm(sample, f["location"]["file"]), f["location"]["line"],
             f["location"]["column"], f["check"], f["message"])
            for f in json.loads(proc.stdout)["findings"]}


def compile_entries(sample):
    for entry in json.loads((sample / "compile_commands.json").read_text()):
        args = entry.get("arguments") or shlex.split(entry["command"])
        # Keep the flags, drop the compiler, the output and the source file.
        flags, skip = [], False
        for a in args[1:]:
            if skip:
                skip = False
                continue
            if a == "-o":
                skip = True
                continue
            if a == "-c" or a == entry["file"]:
                continue
            flags.append(a)
        directory = norm(sample, entry.get("directory", "."))
        yield directory, entry["file"], flags


def parse(sample, directory, text):
    found = set()
    for line in text.splitlines():
        m = DIAG.match(line)
        if m:
            found.add((norm(pathlib.Path(directory), m["file"]), int(m["line"]),
                       int(m["col"]), m["check"], m["message"]))
    return found


def run_plugin(plugin, clangxx, sample, arguments):
    """clang++ with the plugin over every translation unit of the sample, with
    the plugin arguments {name: value}; yields (directory, diagnostics)."""
    for directory, source, flags in compile_entries(sample):
        cmd = [clangxx, *flags, "-fsyntax-only", f"-fplugin={plugin}",
               *(f"-fplugin-arg-policycheck-{k}={v}" for k, v in arguments.items()), source]
        proc = subprocess.run(cmd, cwd=directory, capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"clang++ with the plugin failed on {source}:\n{proc.stderr}")
        yield directory, proc.stderr


def run_tidy(module, clang_tidy, sample, options):
    """clang-tidy with the module over every translation unit of the sample,
    with the check options {key: value}; yields (directory, diagnostics)."""
    config = json.dumps({"CheckOptions": [{"key": k, "value": str(v)}
                                          for k, v in options.items()]})
    for directory, source, flags in compile_entries(sample):
        cmd = [clang_tidy, f"--load={module}", "-checks=-*,privacy-*",
               "-header-filter=.*", f"-config={config}", "--quiet", source, "--", *flags]
        proc = subprocess.run(cmd, cwd=directory, capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"clang-tidy with the module failed on {source}:\n"
                             f"{proc.stdout}{proc.stderr}")
        yield directory, proc.stdout


def plugin_findings(plugin, clangxx, sample, policy, summaries):
    found = set()
    for directory, text in run_plugin(plugin, clangxx, sample,
                                      {"policy": policy, "summaries": summaries}):
        found |= parse(sample, directory, text)
    return found


def tidy_findings(module, clang_tidy, sample, policy, summaries):
    found = set()
    for directory, text in run_tidy(module, clang_tidy, sample,
                                    {"PolicyFile": policy, "SummariesFile": summaries}):
        found |= parse(sample, directory, text)
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tool", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--tidy-module", required=True)
    parser.add_argument("--clangxx", default="clang++")
    parser.add_argument("--clang-tidy", default="clang-tidy")
    parser.add_argument("sample")
    args = parser.parse_args()
    # The front-ends run in the sample's folder: make the paths absolute.
    args.tool, args.plugin, args.tidy_module = (
        os.path.abspath(p) for p in (args.tool, args.plugin, args.tidy_module))

    sample = pathlib.Path(args.sample).resolve()
    policy = sample / "privacy-policy.yaml"
    listed = subprocess.run([args.clang_tidy, f"--load={args.tidy_module}",
                             "-checks=-*,privacy-*", "--list-checks"],
                            capture_output=True, text=True).stdout
    if "privacy-vendor-category" not in listed:
        # clang-tidy only says "-load request ignored" when a module fails.
        raise SystemExit(f"clang-tidy did not load {args.tidy_module}:\n{listed}")

    scratch = tempfile.TemporaryDirectory(prefix="policycheck-frontends-")
    summaries = pathlib.Path(scratch.name) / "summaries.json"
    expected = tool_findings(args.tool, sample, summaries)
    failed = 0
    for name, found in (("plugin", plugin_findings(args.plugin, args.clangxx, sample,
                                                   policy, summaries)),
                        ("clang-tidy", tidy_findings(args.tidy_module, args.clang_tidy,
                                                     sample, policy, summaries))):
        missing, extra = expected - found, found - expected
        print(f"{sample.name} {name}: {len(found)} findings, tool: {len(expected)}")
        for f in sorted(missing):
            print(f"  MISSING {f[0]}:{f[1]}:{f[2]}: {f[4]} [{f[3]}]")
        for f in sorted(extra):
            print(f"  EXTRA   {f[0]}:{f[1]}:{f[2]}: {f[4]} [{f[3]}]")
        failed += bool(missing or extra)
    print(f"{2 - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
