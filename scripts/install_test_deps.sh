#!/usr/bin/env bash
# System packages the tests need: headless Chromium and its driver, to open report.html, the
# notebooks in JupyterLab and the review page as a person would, and LibreOffice Writer, to lay
# out findings.docx as pages (docx -> PDF) and count them. All come from Debian (apt): nothing
# downloads a browser, a driver or an office suite of its own.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 \
  || need+=(chromium chromium-driver)
command -v libreoffice >/dev/null 2>&1 || command -v soffice >/dev/null 2>&1 \
  || need+=(libreoffice-writer-nogui)
if [ "${#need[@]}" = "0" ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "${need[*]} missing; install them with:" \
       "sudo apt-get install --no-install-recommends ${need[*]}" >&2
  exit 0  # the browser and page-count tests will then skip with that reason
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
