#!/usr/bin/env bash
# Debian packages the test suite drives for real: a PostgreSQL server (started by the tests themselves),
# GDAL's ogrinfo (the OGC API client GIS users have), chromium (browser tests, driven by Playwright), the
# Noto fonts (Chinese and other scripts in pages and PDFs), nginx (the production profile, deploy/) and wrk
# (the load test, benchmarks/load.py). Installs only what is missing.
set -euo pipefail
packages=(postgresql gdal-bin chromium fonts-noto-core fonts-noto-cjk poppler-utils nginx wrk)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "Missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
