#!/usr/bin/env bash
# Installs the YAML tools other people will run on archsim topologies and checks every YAML
# file of the repository with them (see check_yaml.py). Python tools go into a virtualenv under
# .build/ (PyPI); the `yaml` JavaScript package comes from Debian (node-yaml).
#
# yaml-language-server itself is installed from npm when the registry can be reached; this
# machine's network has no npm registry, so then the check says so and relies on its parser
# (the `yaml` package, checked strictly) and on check-jsonschema for the schema.
set -euo pipefail
cd "$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
for p in nodejs node-yaml; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="${missing:-} $p"
done
python3 -m venv --help >/dev/null 2>&1 || missing="${missing:-} python3-venv"
if [ -n "${missing:-}" ]; then
  echo "installing:$missing"
  # `env`: after an empty $SUDO (root) a leading VAR=value would be read as a command name.
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
VENV=.build/yaml-tools
if [ ! -x "$VENV/bin/check-jsonschema" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check pyyaml ruamel.yaml check-jsonschema jsonschema
fi
export PATH="$PWD/$VENV/bin:$PATH"
if timeout 20 npm view yaml-language-server version >/dev/null 2>&1; then
  echo "note: the npm registry is reachable; yaml-language-server's own run is not scripted yet, its parser and the schema are checked below"
else
  echo "note: yaml-language-server not run: the npm registry can't be reached from here; its parser (yaml $(node -p "require('/usr/share/nodejs/yaml/package.json').version")) and the schema are checked instead"
fi
exec "$VENV/bin/python" Tests/ExternalTools/check_yaml.py
