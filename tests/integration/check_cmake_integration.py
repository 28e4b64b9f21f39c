#!/usr/bin/env python3
"""The integration snippets of docs/integration.md work in a real CMake build.

Copies test-inputs/cmake-integration (a small CMake project that uses the
snippets verbatim) into a temporary folder and:

  - checks that every snippet the doc marks with
    `<!-- snippet: test-inputs/cmake-integration/FILE -->` is, character for
    character, part of that file of the project;
  - configures it with clang++ and the compiler plugin (-DPOLICYCHECK_PLUGIN)
    and builds it: the build succeeds and the compiler prints exactly the
    findings the sources expect (`// expect: privacy-...` comments), by file,
    line and check;
  - configures it with CMAKE_CXX_CLANG_TIDY and the clang-tidy module
    (-DPOLICYCHECK_TIDY_MODULE) and builds it: the same;
  - builds a copy whose .clang-tidy names another policy in PolicyFile (one that
    allows the email in logs): clang-tidy reports only what that policy forbids,
    so the option is read, not the privacy-policy.yaml found by default;
  - with --tool, runs the `run:` lines of the GitHub workflow
    (.github/workflows/privacy.yml) in the project, the tool in place of the
    one the workflow builds: the configure step writes compile_commands.json;
    the check step, `policycheck --policy privacy-policy.yaml -p build`, exits 1
    with the same findings; the SARIF step succeeds and writes, where the
    upload step reads it, SARIF 2.1.0 with the same findings. (If the SARIF
    steps are switched off, `if: ${{ false }}`, it only notes whether the tool
    could run them.)
  - with --tool, the in-build route of section (e): the CMake options
    POLICYCHECK_FACTS_DIR and POLICYCHECK_SUMMARIES (a build writing facts,
    `policycheck link --summaries`, a build with the summaries: the expected
    warnings each time, and link prints them), and the `run:` lines of
    .github/workflows/privacy-in-build.yml (a build with the plugin writing
    facts, then `policycheck link` writing the SARIF the upload reads).

Prints a PASS or FAIL line per check and `N passed, M failed`; exits 1 on any
failure.
"""
import argparse
import collections
import json
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
DIAG = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): "
                  r"(?P<level>warning|error): (?P<message>.*?)"
                  r"(?: \[(?P<check>[a-z][a-z-]*)\])?$")
EXPECT = re.compile(r"//\s*expect:\s*(?P<items>.*)$")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
SNIPPET = re.compile(r"<!--\s*snippet:\s*(?P<path>\S+)\s*-->\s*\n```[^\n]*\n(?P<body>.*?)\n```",
                     re.S)


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"PASS {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}")
            if detail:
                print("  " + detail.rstrip().replace("\n", "\n  "))
        return ok


def expected_findings(project):
    """(file relative to the project, line, check) of every `// expect:`."""
    found = collections.Counter()
    for source in sorted((project / "src").rglob("*.cpp")):
        for number, text in enumerate(source.read_text().splitlines(), 1):
            m = EXPECT.search(text)
            if not m:
                continue
            for item in m["items"].split(";"):
                check = item.split()[0]
                found[(source.relative_to(project).as_posix(), number, check)] += 1
    return found


def findings_in(output, project, build_dir):
    """The `[privacy-...]` findings in compiler or clang-tidy output, and any
    error lines (policy errors, compile errors)."""
    found, errors = collections.Counter(), []
    for line in ANSI.sub("", output).splitlines():
        m = DIAG.match(line)
        if line.startswith(("error: ", "FAILED: ")) or (m and m["level"] == "error"):
            errors.append(line)
        if not m:
            continue
        if not (m["check"] or "").startswith("privacy-"):
            continue
        path = pathlib.Path(m["file"])
        if not path.is_absolute():
            path = build_dir / path
        path = pathlib.Path(os.path.normpath(path))
        try:
            rel = path.relative_to(project).as_posix()
        except ValueError:
            rel = str(path)
        found[(rel, int(m["line"]), m["check"])] += 1
    return found, errors


def describe(counter):
    return "\n".join(f"{f}:{l}: [{c}]" + (f" x{n}" if n > 1 else "")
                     for (f, l, c), n in sorted(counter.items())) or "(none)"


def run(cmd, cwd, env=None):
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return proc.returncode, proc.stdout


def configure_and_build(results, name, cmake, generator, project, build_dir, options,
                        expected):
    """Configures and builds; checks the build succeeds with exactly the
    expected findings. Returns the build output."""
    code, out = run([cmake, "-S", project, "-B", build_dir, *generator, *options], project)
    if not results.check(f"{name}: configure", code == 0, out):
        return None
    code, out = run([cmake, "--build", build_dir], project)
    results.check(f"{name}: build succeeds", code == 0, out)
    found, errors = findings_in(out, project, build_dir)
    results.check(f"{name}: no errors", not errors, "\n".join(errors))
    results.check(f"{name}: exactly the expected [privacy-...] warnings",
                  found == expected,
                  f"expected:\n{describe(expected)}\nfound:\n{describe(found)}\n"
                  f"output:\n{out}")
    return out


def check_snippets(results, doc, project):
    text = doc.read_text()
    snippets = list(SNIPPET.finditer(text))
    results.check(f"{doc.name}: has snippets of the test project", bool(snippets),
                  "no <!-- snippet: test-inputs/cmake-integration/... --> markers")
    prefix = "test-inputs/cmake-integration/"
    for m in snippets:
        rel = m["path"]
        line = text[:m.start()].count("\n") + 1
        if not results.check(f"snippet at {doc.name}:{line} names a file of {prefix}",
                             rel.startswith(prefix), rel):
            continue
        target = project / rel[len(prefix):]
        ok = target.is_file() and m["body"] in target.read_text()
        results.check(f"snippet at {doc.name}:{line} is verbatim in {rel}", ok,
                      f"the block after the marker is not a part of {rel}; "
                      "keep the doc and the test project in step")


TOOL_IN_WORKFLOW = ".policycheck/build/tools/policycheck/policycheck"


def workflow_steps(results, workflow):
    """The workflow's steps, by what they do."""
    import yaml  # python3-yaml, as for the schema tests
    try:
        jobs = yaml.safe_load(workflow)["jobs"]
        steps = [step for job in jobs.values() for step in job["steps"]]
    except (yaml.YAMLError, KeyError, TypeError) as error:
        results.check("workflow: is a GitHub Actions workflow", False, str(error))
        return None
    results.check("workflow: is a GitHub Actions workflow", True)
    find = lambda pred: next((s for s in steps if pred(s)), None)
    return {
        "configure": find(lambda s: "CMAKE_EXPORT_COMPILE_COMMANDS" in s.get("run", "")),
        "check": find(lambda s: TOOL_IN_WORKFLOW in s.get("run", "")
                      and "--format" not in s["run"]),
        "sarif": find(lambda s: "--format sarif" in s.get("run", "")),
        "upload": find(lambda s: s.get("uses", "").startswith("github/codeql-action/upload-sarif")),
    }


def run_step(step, tool, project, env=None):
    """Runs a workflow step's `run:` with sh, as the Debian container does, the
    tool's path in place of the workflow's."""
    command = step["run"].replace(TOOL_IN_WORKFLOW, shlex.quote(tool))
    return run(["sh", "-ec", command], project, env)


def check_workflow(results, tool, clangxx, generator, project, expected):
    """Runs the workflow's configure, check and SARIF steps in the project."""
    workflow = (project / ".github" / "workflows" / "privacy.yml").read_text()
    steps = workflow_steps(results, workflow)
    if steps is None:
        return
    for name in ("configure", "check", "sarif", "upload"):
        results.check(f"workflow: has the {name} step", steps[name] is not None, workflow)
    if not (steps["configure"] and steps["check"]):
        return
    # The configure step with the test's compiler and generator (the
    # container's defaults are g++ and, from setup.sh, Ninja).
    env = dict(os.environ, CXX=clangxx)
    configure = dict(steps["configure"])
    if not generator:
        configure["run"] = configure["run"].replace(" -G Ninja", "")
    code, out = run_step(configure, tool, project, env)
    if not results.check("workflow: the configure step writes compile_commands.json",
                         code == 0 and (project / "build" / "compile_commands.json").is_file(),
                         out):
        return
    code, out = run_step(steps["check"], tool, project)
    found, errors = findings_in(out, project, project)
    results.check("workflow: the check step fails the job on the findings (exit 1)",
                  code == 1, out)
    results.check("workflow: the check step reports exactly the expected findings",
                  found == expected and not errors,
                  f"expected:\n{describe(expected)}\nfound:\n{describe(found)}\n"
                  f"output:\n{out}")
    if steps["sarif"] and steps["upload"]:
        check_sarif(results, tool, project, steps, expected)


def sarif_results(sarif_file, project):
    """The results of a SARIF file by (file, line, rule), or None when it is
    not SARIF 2.1.0; and the problem, if any."""
    found = collections.Counter()
    try:
        log = json.loads(sarif_file.read_text())
        if log.get("version") != "2.1.0":
            return None, "not SARIF 2.1.0"
        for result in (r for run_ in log.get("runs", []) for r in run_.get("results", [])):
            where = result["locations"][0]["physicalLocation"]
            uri = where["artifactLocation"]["uri"]
            uri = uri[len("file://"):] if uri.startswith("file://") else uri
            path = pathlib.Path(uri)
            rel = (path.relative_to(project).as_posix() if path.is_absolute()
                   else path.as_posix())
            found[(rel, where["region"]["startLine"], result["ruleId"])] += 1
    except (OSError, ValueError, KeyError, IndexError) as error:
        return None, str(error)
    return found, ""


def check_in_build(results, tool, plugin, clangxx, cmake, generator, project, expected):
    """Section (e), in the build: facts written by the plugin, linked."""
    build_dir = project / "build-facts"
    facts, summaries = build_dir / "policycheck-facts", build_dir / "summaries.json"
    options = [f"-DCMAKE_CXX_COMPILER={clangxx}", f"-DPOLICYCHECK_PLUGIN={plugin}",
               f"-DPOLICYCHECK_FACTS_DIR={facts}"]
    if configure_and_build(results, "plugin writing facts", cmake, generator, project,
                           build_dir, options, expected) is None:
        return
    code, out = run([tool, "link", str(facts), "--summaries", str(summaries)], project)
    found, errors = findings_in(out, project, project)
    results.check("link over the build's facts prints exactly the expected findings",
                  code == 1 and found == expected and not errors,
                  f"exit {code}\nexpected:\n{describe(expected)}\nfound:\n{describe(found)}\n"
                  f"output:\n{out}")
    results.check("link writes the program's summaries", summaries.is_file(), out)
    configure_and_build(results, "plugin with the linked summaries", cmake, generator,
                        project, build_dir, options + [f"-DPOLICYCHECK_SUMMARIES={summaries}"],
                        expected)

    workflow = (project / ".github" / "workflows" / "privacy-in-build.yml").read_text()
    import yaml
    try:
        steps = [s for job in yaml.safe_load(workflow)["jobs"].values() for s in job["steps"]]
    except (yaml.YAMLError, KeyError, TypeError) as error:
        results.check("in-build workflow: is a GitHub Actions workflow", False, str(error))
        return
    find = lambda pred: next((s for s in steps if pred(s)), None)
    build = find(lambda s: "POLICYCHECK_FACTS_DIR" in s.get("run", ""))
    link = find(lambda s: f"{TOOL_IN_WORKFLOW} link" in s.get("run", ""))
    upload = find(lambda s: s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    for name, step in (("build", build), ("link", link), ("upload", upload)):
        results.check(f"in-build workflow: has the {name} step", step is not None, workflow)
    if not (build and link and upload):
        return
    # The build step with the test's plugin, compiler and generator, in a
    # fresh build folder (the other workflow's configured one with g++).
    shutil.rmtree(project / "build", ignore_errors=True)
    command = (build["run"]
               .replace("$PWD/.policycheck/build/plugin/libpolicycheck-plugin.so",
                        shlex.quote(plugin))
               .replace("-DCMAKE_CXX_COMPILER=clang++", f"-DCMAKE_CXX_COMPILER={clangxx}"))
    if not generator:
        command = command.replace(" -G Ninja", "")
    code, out = run(["sh", "-ec", command], project)
    found, errors = findings_in(out, project, project / "build")
    results.check("in-build workflow: the build step succeeds with exactly the expected "
                  "warnings", code == 0 and found == expected and not errors,
                  f"exit {code}\nexpected:\n{describe(expected)}\nfound:\n{describe(found)}\n"
                  f"output:\n{out}")
    code, out = run_step(link, tool, project)
    results.check("in-build workflow: the link step succeeds", code == 0, out)
    found, problem = sarif_results(project / upload.get("with", {}).get("sarif_file", ""),
                                   project)
    results.check("in-build workflow: the upload's sarif_file is SARIF 2.1.0 with exactly "
                  "the expected results", found == expected,
                  f"{problem}\nexpected:\n{describe(expected)}\n"
                  f"found:\n{describe(found or collections.Counter())}\n{out}")


def check_sarif(results, tool, project, steps, expected):
    """The SARIF steps: on, they must write SARIF 2.1.0 with the expected
    results where the upload reads it; off, the tool must lack --format sarif
    (or a NOTE says they can be switched on)."""
    off = all(str(steps[n].get("if", "")).replace(" ", "") in ("False", "${{false}}")
              for n in ("sarif", "upload"))
    sarif_file = project / steps["upload"].get("with", {}).get("sarif_file", "")
    code, out = run_step(steps["sarif"], tool, project)
    refused = "unknown --format 'sarif'" in out
    if off:
        results.check("workflow: the SARIF steps are off", True)
        if not refused:
            print("NOTE policycheck has --format sarif: the workflow's SARIF steps can be "
                  "switched on, and docs/integration.md updated")
        return
    if not results.check("workflow: the SARIF step succeeds", code == 0 and not refused,
                         f"exit {code}\n{out}" + ("\nthis policycheck has no --format sarif: "
                                                  "switch the SARIF steps off (if: ${{ false }})"
                                                  if refused else "")):
        return
    found, problem = sarif_results(sarif_file, project)
    ok = found is not None
    found = found or collections.Counter()
    out += f"\n{problem}" if problem else ""
    results.check("workflow: the upload's sarif_file is SARIF 2.1.0 with exactly the "
                  "expected results", ok and found == expected,
                  f"expected:\n{describe(expected)}\nfound:\n{describe(found)}\n{out}")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plugin", required=True, help="libpolicycheck-plugin.so")
    parser.add_argument("--tidy-module", required=True, help="libpolicycheck-tidy.so")
    parser.add_argument("--clangxx", default="clang++")
    parser.add_argument("--clang-tidy", default="clang-tidy")
    parser.add_argument("--tool", help="the policycheck tool (checks the workflow's command)")
    parser.add_argument("--cmake", default="cmake")
    parser.add_argument("--project", default=str(ROOT / "test-inputs" / "cmake-integration"))
    parser.add_argument("--doc", default=str(ROOT / "docs" / "integration.md"))
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    plugin, module = (os.path.abspath(p) for p in (args.plugin, args.tidy_module))
    clangxx = shutil.which(args.clangxx) or args.clangxx
    clang_tidy = shutil.which(args.clang_tidy) or args.clang_tidy
    tool = os.path.abspath(args.tool) if args.tool else None
    source = pathlib.Path(args.project).resolve()
    generator = ["-G", "Ninja"] if shutil.which("ninja") else []

    results = Results()
    check_snippets(results, pathlib.Path(args.doc), source)
    expected = expected_findings(source)
    results.check("the test project expects findings", bool(expected))

    temp = pathlib.Path(tempfile.mkdtemp(prefix="policycheck-cmake-")).resolve()
    try:
        project = temp / "project"
        shutil.copytree(source, project)

        # (a) The compiler plugin through add_compile_options.
        configure_and_build(results, "plugin", args.cmake, generator, project,
                            project / "build-plugin",
                            [f"-DCMAKE_CXX_COMPILER={clangxx}",
                             f"-DPOLICYCHECK_PLUGIN={plugin}"], expected)

        # (b) + (c) The clang-tidy module through CMAKE_CXX_CLANG_TIDY, the
        # policy from PolicyFile in .clang-tidy, a relative path found beside
        # the sources whatever the build folder.
        tidy_options = [f"-DCMAKE_CXX_COMPILER={clangxx}",
                        f"-DPOLICYCHECK_TIDY_MODULE={module}",
                        f"-DPOLICYCHECK_CLANG_TIDY={clang_tidy}"]
        configure_and_build(results, "clang-tidy", args.cmake, generator, project,
                            project / "out" / "tidy", tidy_options, expected)

        # PolicyFile is honoured: name another policy in a copy's .clang-tidy.
        control = temp / "control"
        shutil.copytree(source, control)
        clang_tidy_file = control / ".clang-tidy"
        config = clang_tidy_file.read_text()
        if results.check(".clang-tidy sets PolicyFile to privacy-policy.yaml",
                         "value: privacy-policy.yaml" in config, config):
            clang_tidy_file.write_text(config.replace("value: privacy-policy.yaml",
                                                      "value: logs-allow-email.yaml"))
            policy = (control / "privacy-policy.yaml").read_text()
            (control / "logs-allow-email.yaml").write_text(
                policy.replace("allowed: [system.operations]",
                               "allowed: [system.operations, user.contact.email]"))
            only_that = collections.Counter(
                {k: n for k, n in expected.items() if k[2] != "privacy-log-exposure"})
            configure_and_build(results, "clang-tidy, PolicyFile naming another policy",
                                args.cmake, generator, control, control / "build-tidy",
                                tidy_options, only_that)

        # (d) The workflow's configure, check and SARIF steps, run as the
        # workflow runs them.
        if tool:
            check_workflow(results, tool, clangxx, generator, project, expected)
            # (e) The whole program from the build: facts, link, summaries.
            check_in_build(results, tool, plugin, clangxx, args.cmake, generator, project,
                           expected)
    finally:
        if args.keep:
            print(f"kept {temp}")
        else:
            shutil.rmtree(temp, ignore_errors=True)

    print(f"{results.passed} passed, {results.failed} failed")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
