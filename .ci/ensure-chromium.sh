#!/usr/bin/env bash
# Makes sure Debian's Chromium and its chromedriver are installed for the dashboard's browser tests
# (services/dashboard); installs them with apt-get when either is missing, otherwise does nothing.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
echo "ensure-chromium: installing chromium and chromium-driver with apt-get"
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
/usr/bin/chromium --version
