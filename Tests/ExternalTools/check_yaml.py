"""Every topology in the repository is YAML that other tools read unchanged.

Checks, for each good `*.yaml` of the repository (topologies, benchmark and docs examples,
fixtures other than the bad corpus):
  - PyYAML (`yaml.safe_load`) and ruamel.yaml (YAML 1.2, safe) parse it;
  - the `yaml` package (eemeli/yaml, the parser yaml-language-server uses; Debian's node-yaml)
    parses it strictly, with no error and no warning;
  - it validates against topology.schema.json, with check-jsonschema.
And for each file of the bad corpus (bad-corpus.tsv says which kind of bad it is):
  - `not-yaml`: ruamel.yaml (YAML 1.2) rejects it;
  - `schema`: it parses, and the schema rejects it (as `archsim validate` does);
  - `semantic`: it parses and the schema accepts it, because its error needs the whole file
    (a dangling reference, a cycle, a route): the reason is written beside it.
A bad file missing from bad-corpus.tsv is an error: classify it.

Exit 0 when every file behaves as stated, 1 otherwise.
"""
import json
import os
import subprocess
import sys

import jsonschema
import yaml
from ruamel.yaml import YAML

ROOT = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True,
                      check=True, cwd=os.path.dirname(os.path.abspath(__file__))).stdout.strip()
HERE = os.path.relpath(os.path.dirname(os.path.abspath(__file__)), ROOT)
BAD_DIR = "Tests/TopologyTests/Fixtures/bad/"


def repository_yaml():
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.yaml", "*.yml"],
                            capture_output=True, text=True, check=True, cwd=ROOT).stdout.split()
    return sorted(p for p in listed if os.path.exists(os.path.join(ROOT, p)))


def read_manifest():
    manifest = {}
    with open(os.path.join(ROOT, HERE, "bad-corpus.tsv"), encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2 or parts[1] not in ("not-yaml", "schema", "semantic"):
                sys.exit(f"{HERE}/bad-corpus.tsv:{number}: expected `path<TAB>not-yaml|schema|semantic<TAB>reason`")
            if parts[1] == "semantic" and (len(parts) < 3 or not parts[2].strip()):
                sys.exit(f"{HERE}/bad-corpus.tsv:{number}: a `semantic` file needs the reason the schema can't see it")
            manifest[parts[0]] = parts[1]
    return manifest


def pyyaml_error(text):
    try:
        yaml.safe_load(text)
        return None
    except Exception as error:  # any parser failure is the finding
        return str(error).split("\n")[0]


def ruamel_load(text):
    """(data, error): YAML 1.2, as the language is specified."""
    try:
        return YAML(typ="safe", pure=True).load(text), None
    except Exception as error:
        return None, str(error).split("\n")[0]


def node_yaml_results(paths):
    module = os.environ.get("YAML_MODULE", "/usr/share/nodejs/yaml")
    out = subprocess.run(["node", os.path.join(ROOT, HERE, "yaml-parse.cjs"), *paths], capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ, "YAML_MODULE": module})
    if out.returncode != 0:
        sys.exit(f"node yaml-parse.cjs failed: {out.stderr.strip()}")
    results = {}
    for line in out.stdout.splitlines():
        status, _, rest = line.partition(" ")
        path, _, message = rest.partition(": ")
        results[path.rstrip(":")] = None if status == "ok" else (message or "error")
    return results


def main():
    schema_path = os.path.join(ROOT, "topology.schema.json")
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    manifest = read_manifest()
    files = repository_yaml()
    bad = [p for p in files if p.startswith(BAD_DIR) or p in manifest]
    good = [p for p in files if p not in bad]
    node = node_yaml_results(files)
    problems = []

    for path in bad:
        if path not in manifest:
            problems.append(f"{path}: a bad-corpus file missing from {HERE}/bad-corpus.tsv (classify it)")
    for path in manifest:
        if path not in files:
            problems.append(f"{HERE}/bad-corpus.tsv names {path}, which does not exist")

    for path in good:
        text = open(os.path.join(ROOT, path), encoding="utf-8").read()
        if (error := pyyaml_error(text)):
            problems.append(f"{path}: PyYAML rejects it: {error}")
        data, error = ruamel_load(text)
        if error:
            problems.append(f"{path}: ruamel.yaml rejects it: {error}")
        if node.get(path):
            problems.append(f"{path}: the yaml package (yaml-language-server's parser) reports: {node[path]}")
        if not error:
            for failure in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))[:3]:
                where = "/".join(str(p) for p in failure.absolute_path)
                problems.append(f"{path}: the schema rejects it at /{where}: {failure.message[:200]}")

    for path in bad:
        kind = manifest.get(path)
        if kind is None:
            continue
        raw = open(os.path.join(ROOT, path), "rb").read()
        text = raw.decode("utf-8", errors="replace")
        parsers = {"PyYAML": pyyaml_error(text) is not None, "ruamel.yaml": ruamel_load(text)[1] is not None,
                   "yaml": node.get(path) is not None}
        if kind == "not-yaml":
            # YAML 1.2 is the reference; PyYAML (YAML 1.1) keeps the last of duplicate keys.
            if not parsers["ruamel.yaml"]:
                problems.append(f"{path}: listed as not YAML, but ruamel.yaml (YAML 1.2) parses it")
            continue
        rejecting = [name for name, rejected in parsers.items() if rejected]
        if rejecting:
            problems.append(f"{path}: listed as `{kind}`, but {', '.join(rejecting)} can't parse it (is it `not-yaml`?)")
            continue
        data, _ = ruamel_load(text)
        schema_rejects = next(iter(validator.iter_errors(data)), None) is not None
        if kind == "schema" and not schema_rejects:
            problems.append(f"{path}: `archsim validate` rejects it but the schema accepts it (tighten the schema, or list it as `semantic` with the reason)")
        if kind == "semantic" and schema_rejects:
            problems.append(f"{path}: listed as `semantic`, but the schema rejects it: list it as `schema`")

    # check-jsonschema itself on the good files, as an editor's CI would run it.
    checked = subprocess.run(["check-jsonschema", "--schemafile", schema_path, *good], capture_output=True, text=True, cwd=ROOT)
    if checked.returncode != 0:
        problems.append("check-jsonschema rejects good files:\n" + (checked.stdout + checked.stderr).strip()[:4000])

    counts = {k: sum(1 for v in manifest.values() if v == k) for k in ("not-yaml", "schema", "semantic")}
    print(f"good files: {len(good)} (PyYAML, ruamel.yaml, yaml, check-jsonschema); "
          f"bad corpus: {len(bad)} ({counts['not-yaml']} not YAML, {counts['schema']} caught by the schema, "
          f"{counts['semantic']} need the whole file)")
    for problem in problems:
        print("FAIL " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
