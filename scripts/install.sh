#!/usr/bin/env bash
# Set Lantian up on a fresh machine (Debian/Ubuntu, Python 3.11+).
#   scripts/install.sh          the package and its runtime dependencies, in .venv
#   scripts/install.sh --test   also the test tools: pytest & co (PyPI) and, with apt,
#                               Debian's chromium and a CJK font (browser tests,
#                               screenshot), raptor2-utils and
#                               serdi (independent Turtle parsers)
# Idempotent: a second run only checks. Nothing is downloaded at run time later.
set -euo pipefail
cd "$(dirname "$0")/.."
with_test=0
[ "${1:-}" = "--test" ] && with_test=1

if [ $with_test = 1 ]; then
  need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy\|noto sans cjk" || need+=(fonts-wqy-microhei)
  command -v rapper >/dev/null || need+=(raptor2-utils)
  command -v serdi >/dev/null || need+=(serdi)
  if [ ${#need[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "installing Debian packages: ${need[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi

py=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$py" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
if [ $with_test = 1 ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
else
  .venv/bin/python -m pip install -q --disable-pip-version-check -e .
fi
