#!/usr/bin/env bash
# The end-to-end tests drive a system Chromium: Playwright's own browser download does not work
# on every machine. Use $DEBRIEF_CHROMIUM, else /usr/bin/chromium, installing Debian's package
# when it is missing and we may (root with apt-get).
set -euo pipefail
browser=${DEBRIEF_CHROMIUM:-/usr/bin/chromium}
if [[ -x "$browser" ]]; then
  exit 0
fi
if [[ -n "${DEBRIEF_CHROMIUM:-}" ]]; then
  echo "DEBRIEF_CHROMIUM=$DEBRIEF_CHROMIUM is not an executable browser." >&2
  exit 1
fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "Chromium is missing: installing Debian's chromium package for the end-to-end tests..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq chromium >&2
  exit 0
fi
cat >&2 <<'MSG'
The end-to-end tests need Chromium and none was found at /usr/bin/chromium.
Install it (Debian/Ubuntu: sudo apt-get install chromium) or point DEBRIEF_CHROMIUM at a
Chromium or Chrome binary, then run npm test again.
MSG
exit 1
