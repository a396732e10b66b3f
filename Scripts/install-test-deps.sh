#!/usr/bin/env bash
# The peer clients the front-end tests drive (Tests/Frontends): Python packages from PyPI and Debian's
# protoc; and the cache servers the cache tests start on loopback ports (nginx with WebDAV PUT,
# redis-server). Installs only what is missing, so a second `make test` costs a pip check.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
apt_missing=""
command -v python3 >/dev/null || apt_missing="$apt_missing python3"
python3 -m pip --version >/dev/null 2>&1 || apt_missing="$apt_missing python3-pip"
command -v protoc >/dev/null || apt_missing="$apt_missing protobuf-compiler"
[ -x /usr/sbin/nginx ] || apt_missing="$apt_missing nginx"
[ -x /usr/bin/redis-server ] || apt_missing="$apt_missing redis-server"
if [ -n "$apt_missing" ]; then
  echo "installing:$apt_missing"
  # The tests start their own servers: keep the packages' post-install scripts from starting system ones.
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null && $SUDO chmod +x "$policy"
  fi
  $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $apt_missing
  [ -z "$policy" ] || $SUDO rm -f "$policy"
fi
if ! python3 - <<'PY' 2>/dev/null
import importlib.metadata as m, pathlib, re, sys
for line in pathlib.Path("Tests/Frontends/requirements.txt").read_text().splitlines():
    line = line.split("#")[0].strip()
    if not line: continue
    name, _, version = line.partition("==")
    if m.version(name) != version: sys.exit(1)
PY
then
  # A distribution's own Python refuses pip without this flag (PEP 668); a pyenv or venv Python does not need it.
  python3 -m pip install -q -r Tests/Frontends/requirements.txt 2>/dev/null \
    || python3 -m pip install -q --break-system-packages -r Tests/Frontends/requirements.txt
fi
