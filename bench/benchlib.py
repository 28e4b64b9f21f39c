"""What bench.py and whole_program.py share: compile commands as
`-fsyntax-only` runs, clang's cc1 command, and instructions under callgrind."""
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile


def load_db(folder):
    """[(cwd, file, argv with -c/-o dropped, -fsyntax-only added)] of a compile_commands.json."""
    path = os.path.join(folder, "compile_commands.json")
    with open(path) as f:
        entries = json.load(f)
    tus = []
    for e in entries:
        cwd = e["directory"]
        if not os.path.isabs(cwd):
            cwd = os.path.normpath(os.path.join(folder, cwd))
        args = e.get("arguments") or shlex.split(e["command"])
        out, skip = [], False
        for a in args:
            if skip:
                skip = False
                continue
            if a == "-c":
                out.append("-fsyntax-only")
                continue
            if a == "-o":
                skip = True
                continue
            out.append(a)
        out[0] = "clang++"
        tus.append((cwd, e["file"], out))
    return tus


def cc1_argv(argv, cwd):
    """The cc1 command `clang++ -###` would run."""
    p = subprocess.run(argv + ["-###"], cwd=cwd, capture_output=True, text=True)
    lines = [l for l in p.stderr.splitlines() if l.startswith(' "') and '"-cc1"' in l]
    return shlex.split(lines[-1])


def callgrind_ir(argv, cwd):
    with tempfile.TemporaryDirectory() as td:
        out = os.path.join(td, "cg.out")
        p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out] + argv,
                           cwd=cwd, capture_output=True, text=True)
        m = re.search(r"Collected : (\d+)", p.stderr)
        if not m:
            sys.exit("callgrind failed:\n" + p.stderr[-2000:])
        return int(m.group(1))
