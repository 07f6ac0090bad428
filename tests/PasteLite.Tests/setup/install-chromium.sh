#!/usr/bin/env bash
# The browser tests drive Debian's chromium through Playwright (never a browser Playwright downloads), and the
# terminal tests run the real curl. Run before every build of the test project: does nothing when both are
# there, installs what is missing with apt
# when we are root, and otherwise says how to install it. It always exits 0 so the build goes on; without
# chromium the browser tests fail and say why (they are never skipped). Fonts come along so that
# screenshots show text on a bare machine.
set -u
CHROMIUM=${PASTELITE_CHROMIUM:-/usr/bin/chromium}

missing() {
  local packages=()
  [[ -x "$CHROMIUM" ]] || packages+=(chromium fonts-liberation fonts-dejavu-core)
  command -v curl >/dev/null || packages+=(curl)
  echo "${packages[@]}"
}
need=$(missing)
[[ -z "$need" ]] && exit 0

if [[ "$(id -u)" -ne 0 ]]; then
  echo "install-chromium: missing and this is not root ($need); the browser and terminal tests need them:" >&2
  echo "install-chromium:   sudo apt-get update && sudo apt-get install -y $need" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "install-chromium: $need missing and there is no apt-get; install them (or set PASTELITE_CHROMIUM)" >&2
  exit 0
fi

echo "install-chromium: installing from Debian for the tests (apt-get): $need"
# A lock so that two builds at once (test project built twice in parallel) do not fight over apt.
exec 9>/tmp/pastelite-install-chromium.lock
flock 9
need=$(missing)
[[ -z "$need" ]] && exit 0
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086 # a list of package names
if { apt-get update -qq && apt-get install -y -qq --no-install-recommends $need; } \
     >/tmp/pastelite-install-chromium.log 2>&1; then
  if [[ -x "$CHROMIUM" ]]; then
    echo "install-chromium: installed $("$CHROMIUM" --version 2>/dev/null)"
  else
    echo "install-chromium: installed Debian's chromium, but $CHROMIUM is still missing (PASTELITE_CHROMIUM?)" >&2
  fi
else
  echo "install-chromium: apt-get install $need failed; see /tmp/pastelite-install-chromium.log" >&2
  tail -n 20 /tmp/pastelite-install-chromium.log >&2
fi
exit 0
