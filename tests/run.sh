#!/usr/bin/env bash
# Install everything the tests need, build the site, and run the whole suite
# (fast kernel unit tests under CPython, then end-to-end tests in Chromium).
# Extra arguments go to pytest, e.g. `bash tests/run.sh tests/e2e -x`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Debian's Chromium: the test tool's own browser download does not work here.
if [ ! -x /usr/bin/chromium ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q chromium
fi

python3 -m pip install -q --disable-pip-version-check -e '.[test]'
python3 build.py
node --test web/test/
python3 -m pytest "$@"
