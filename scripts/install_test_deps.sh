#!/usr/bin/env bash
# System packages the tests need: headless Chromium and its driver, to open report.html, the
# notebooks in JupyterLab and the review page as a person would. Both come from Debian (apt):
# nothing downloads a browser or a driver of its own.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "chromium or chromedriver is missing; install them with:" \
       "sudo apt-get install chromium chromium-driver" >&2
  exit 0  # the browser tests will then skip with that reason
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq chromium chromium-driver >/dev/null
