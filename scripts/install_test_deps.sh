#!/usr/bin/env bash
# System packages the tests need: headless Chromium to open report.html as a person would.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "chromium is missing; install it with: sudo apt-get install chromium" >&2
  exit 0  # the browser test will then skip with that reason
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq chromium >/dev/null
