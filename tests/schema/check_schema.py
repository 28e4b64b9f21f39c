#!/usr/bin/env python3
"""Check policy-schema/policy.schema.json against the policy test inputs.

Usage (from the repository root):

    python3 tests/schema/check_schema.py \
        --schema policy-schema/policy.schema.json --inputs test-inputs

What it does:
  1. Checks the schema itself against the JSON Schema draft 2020-12 meta-schema.
  2. Validates every ``<inputs>/**/privacy-policy.yaml``: these are good policies
     and the schema must ACCEPT each one.
  3. Validates every ``<inputs>/bad-policies/*.yaml``: each bad policy carries a
     header comment line ``# schema: rejects`` or ``# schema: accepts`` saying
     whether the schema alone can detect its problem (semantic problems such as
     an unknown category in ``receives``, a duplicate key, or a category both
     declared and not_collected are invisible to a schema: ``accepts``). A file
     that does not parse as YAML counts as rejected. A bad policy without the
     marker is a failure.

YAML is read with YAML 1.2 core-schema semantics, as yaml-language-server (the
editors) and the C++ loader read it: ``on``/``off``/``yes``/``no`` stay strings,
dates such as 2026-05-15 stay strings, ``017`` is the integer 17, ``<<`` is an
ordinary key, and mapping keys are always the key's text (``1:`` is the key "1").

Prints one line per file (PASS/FAIL; failures are followed by the schema
errors with their YAML position and JSON path), then a final line such as
``12 passed, 0 failed``. Exits 1 on any failure or when no input was found.

Only needs the Debian packages python3-yaml and python3-jsonschema (4.x).
"""

import argparse
import json
import os
import re
import sys
from pathlib import Path

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

try:
    from jsonschema import Draft202012Validator, validators
    from jsonschema.exceptions import SchemaError, ValidationError
except ImportError as exc:  # pragma: no cover - environment problem
    sys.exit(f"error: python3-jsonschema (4.x, with draft 2020-12) is required: {exc}")


# --------------------------------------------------------------------------
# YAML 1.2 core schema loader
# --------------------------------------------------------------------------

class Yaml12CoreLoader(yaml.SafeLoader):
    """A SafeLoader that resolves plain scalars by the YAML 1.2 core schema.

    PyYAML implements YAML 1.1, where yes/no/on/off are booleans, 2026-05-15
    is a date, 017 is octal and '<<' merges mappings. None of that holds in
    YAML 1.2, so the 1.1 implicit resolvers are replaced with the core-schema
    ones (null, bool, int, float; everything else is a string).
    """

    # A fresh table: add_implicit_resolver() below fills it for this class only.
    yaml_implicit_resolvers = {}

    def construct_yaml_int(self, node):
        text = self.construct_scalar(node)
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text, 10)  # decimal, optional sign; leading zeros are decimal

    def construct_mapping(self, node, deep=False):
        # Keys are the key's text, as in JSON and in the C++ loader; no merge keys.
        if not isinstance(node, MappingNode):
            raise ConstructorError(None, None,
                                   f"expected a mapping node, but found {node.id}",
                                   node.start_mark)
        mapping = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise ConstructorError("while constructing a mapping", node.start_mark,
                                       "found a non-scalar mapping key", key_node.start_mark)
            mapping[key_node.value] = self.construct_object(value_node, deep=deep)
        return mapping


Yaml12CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null",
    re.compile(r"^(?:~|null|Null|NULL|)$"),
    ["~", "n", "N", ""])
Yaml12CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))
Yaml12CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"))
Yaml12CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))
Yaml12CoreLoader.add_constructor("tag:yaml.org,2002:int", Yaml12CoreLoader.construct_yaml_int)


def load_yaml(text):
    """Return (data, root node) for one YAML document, 1.2 core semantics."""
    loader = Yaml12CoreLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        return data, node
    finally:
        loader.dispose()


def node_at(root, path):
    """The YAML node at a JSON path (a sequence of keys and indexes), or the
    deepest node found on the way."""
    node = root
    for step in path:
        nxt = None
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:  # the last duplicate wins, like the loader
                if isinstance(key_node, ScalarNode) and key_node.value == step:
                    nxt = value_node
        elif isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
            nxt = node.value[step]
        if nxt is None:
            break
        node = nxt
    return node


# --------------------------------------------------------------------------
# Validator with ECMA-262 end-of-input semantics for `$`
# --------------------------------------------------------------------------

_PATTERNS = {}


def _ecma_pattern(validator, pattern, instance, schema):
    """`pattern` as editors (ECMA-262) read it: a final `$` matches only at the
    very end, whereas Python's `$` also matches before a trailing newline, so
    "api.posthog.com" plus a newline (a block scalar) would slip through."""
    if not validator.is_type(instance, "string"):
        return
    compiled = _PATTERNS.get(pattern)
    if compiled is None:
        python = pattern
        if python.endswith("$") and not python.endswith("\\$"):
            python = python[:-1] + r"\Z"
        compiled = _PATTERNS[pattern] = re.compile(python)
    if not compiled.search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


PolicyValidator = validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})


# --------------------------------------------------------------------------
# Validation and reporting
# --------------------------------------------------------------------------

MARKER_RE = re.compile(r"^#\s*schema\s*:\s*(\S*)\s*$")
MAX_MESSAGE = 240


def shorten(text, limit=MAX_MESSAGE):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def display(path):
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def header_marker(text):
    """The `# schema: ...` value in the leading comment block: (value, error)."""
    found = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
        match = MARKER_RE.match(stripped)
        if match:
            found.append(match.group(1))
    if not found:
        if any(MARKER_RE.match(line.strip()) for line in text.splitlines()):
            return None, ("the '# schema:' marker must be in the header comments, "
                          "before the first YAML line")
        return None, ("no '# schema: rejects' or '# schema: accepts' line in its "
                      "header comments")
    values = set(found)
    if len(values) > 1:
        return None, f"conflicting '# schema:' markers: {', '.join(sorted(values))}"
    value = found[0]
    if value not in ("rejects", "accepts"):
        return None, (f"'# schema: {value}': the marker must be '# schema: rejects' "
                      "or '# schema: accepts'")
    return value, None


def describe_error(error, root, filename):
    """One line for a schema error: file:line:col: $.json.path: message."""
    node = node_at(root, list(error.absolute_path)) if root is not None else None
    where = f"{filename}:{node.start_mark.line + 1}:{node.start_mark.column + 1}" \
        if node is not None else filename
    message = shorten(error.message)
    if error.context:
        reasons = []
        for sub in sorted(error.context, key=lambda e: (list(e.relative_schema_path), e.message)):
            sub_path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}"
                               for p in sub.relative_path)
            reason = shorten(f"{sub_path.lstrip('.') + ': ' if sub_path else ''}{sub.message}", 120)
            if reason not in reasons:
                reasons.append(reason)
        message += " (" + "; ".join(reasons[:4]) + ")"
    return f"{where}: {error.json_path}: {message}"


def check_file(validator, path):
    """Validate one file: ('parse' | 'schema' | 'ok', [messages])."""
    name = display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return "parse", [f"{name}: cannot read as UTF-8: {exc}"], None
    try:
        data, root = load_yaml(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        problem = " ".join(filter(None, [exc.context, exc.problem]))
        return "parse", [f"{where}: YAML parse error: {shorten(problem, 300)}"], text
    except yaml.YAMLError as exc:
        return "parse", [f"{name}: YAML parse error: {shorten(exc, 300)}"], text
    except (RecursionError, ValueError, TypeError) as exc:
        return "parse", [f"{name}: YAML load error: {shorten(exc, 400)}"], text
    try:
        errors = sorted(validator.iter_errors(data),
                        key=lambda e: ([str(p) for p in e.absolute_path], e.message))
    except RecursionError:
        return "schema", [f"{name}: the document is recursive (YAML alias cycle)"], text
    if errors:
        return "schema", [describe_error(e, root, name) for e in errors], text
    return "ok", [], text


def main(argv=None):
    repo = Path(__file__).resolve().parents[2]
    parser = argparse.ArgumentParser(
        description="Validate the policy test inputs against the policy JSON schema.")
    parser.add_argument("--schema", type=Path,
                        default=repo / "policy-schema" / "policy.schema.json",
                        help="the JSON schema (default: %(default)s)")
    parser.add_argument("--inputs", type=Path, default=repo / "test-inputs",
                        help="the test-inputs folder (default: %(default)s)")
    args = parser.parse_args(argv)

    passed = failed = 0

    # 1. The schema itself.
    try:
        schema = json.loads(args.schema.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
    except OSError as exc:
        print(f"FAIL schema {display(args.schema)}: cannot read: {exc}")
        print("0 passed, 1 failed")
        return 1
    except json.JSONDecodeError as exc:
        print(f"FAIL schema {display(args.schema)}: not valid JSON: {exc}")
        print("0 passed, 1 failed")
        return 1
    except SchemaError as exc:
        print(f"FAIL schema {display(args.schema)}: not a valid draft 2020-12 schema: "
              f"{exc.json_path}: {shorten(exc.message)}")
        print("0 passed, 1 failed")
        return 1
    if schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
        print(f"FAIL schema {display(args.schema)}: \"$schema\" must be "
              "https://json-schema.org/draft/2020-12/schema")
        print("0 passed, 1 failed")
        return 1
    validator = PolicyValidator(schema)
    print(f"PASS schema {display(args.schema)}: a valid draft 2020-12 schema")

    # 2. Inputs.
    bad_dir = args.inputs / "bad-policies"
    good = sorted(p for p in args.inputs.rglob("privacy-policy.yaml")
                  if p.is_file() and p.parent != bad_dir) if args.inputs.is_dir() else []
    bad = sorted(p for p in bad_dir.glob("*.yaml") if p.is_file()) if bad_dir.is_dir() else []

    if not good and not bad:
        print(f"FAIL no inputs: found no {display(args.inputs)}/**/privacy-policy.yaml "
              f"and no {display(bad_dir)}/*.yaml")
        print("0 passed, 1 failed")
        return 1

    for path in good:
        outcome, messages, _ = check_file(validator, path)
        if outcome == "ok":
            passed += 1
            print(f"PASS good {display(path)}: accepted")
        else:
            failed += 1
            what = "does not parse as YAML" if outcome == "parse" else "rejected by the schema"
            print(f"FAIL good {display(path)}: a good policy, but {what}")
            for message in messages:
                print(f"    {message}")

    for path in bad:
        outcome, messages, text = check_file(validator, path)
        expected, marker_error = header_marker(text) if text is not None else (None, None)
        if text is None:  # unreadable: count as rejected, but we cannot see a marker
            marker_error = "cannot read the file to find its '# schema:' marker"
        if marker_error:
            failed += 1
            print(f"FAIL bad  {display(path)}: {marker_error}")
            continue
        rejected = outcome != "ok"
        if expected == "rejects" and rejected:
            passed += 1
            first = messages[0].split(": ", 1)[-1] if messages else ""
            print(f"PASS bad  {display(path)}: rejected as expected ({shorten(first, 160)})")
        elif expected == "accepts" and not rejected:
            passed += 1
            print(f"PASS bad  {display(path)}: accepted as expected "
                  "(its problem is for the loader, not the schema)")
        elif expected == "rejects":
            failed += 1
            print(f"FAIL bad  {display(path)}: marked '# schema: rejects', "
                  "but the schema accepts it")
        else:
            failed += 1
            print(f"FAIL bad  {display(path)}: marked '# schema: accepts', "
                  "but it is rejected")
            for message in messages:
                print(f"    {message}")

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
