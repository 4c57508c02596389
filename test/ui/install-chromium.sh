#!/usr/bin/env bash
# Chromium for the browser suite, from Debian. Idempotent: does nothing when it is installed.
# Needs root (or sudo) the first time; playwright-core drives it (no browser download).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
as_root=()
if [ "$(id -u)" != 0 ]; then as_root=(sudo -n); fi
echo "[ui] installing chromium from Debian (first run only)"
timeout 600 "${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive timeout 900 "${as_root[@]}" apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
