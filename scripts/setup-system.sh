#!/usr/bin/env bash
# System packages Webconf needs on Debian 12, installed idempotently (run as root).
#  - chromium: the browser the e2e tests and benchmarks drive (never a downloaded build);
#  - mediasoup-worker: the SFU's C++ worker. npm's mediasoup@3.8.4 cannot build or download its
#    own worker here, so we take Debian experimental's binary package without touching the
#    system's apt sources (a throw-away sources list in a temporary folder).
set -euo pipefail

MEDIASOUP_WORKER_BIN_DEFAULT=/usr/lib/x86_64-linux-gnu/mediasoup/mediasoup-worker

need_root() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup-system: run as root (apt-get install is needed)" >&2
    exit 1
  fi
}

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" -eq 0 ]; then
    apt-get update -qq
    apt_updated=1
  fi
}

install_debian_packages() {
  local missing=()
  for pkg in chromium fonts-dejavu-core ca-certificates; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    need_root
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

install_mediasoup_worker() {
  if [ -x "$MEDIASOUP_WORKER_BIN_DEFAULT" ]; then
    return
  fi
  need_root
  local dir uri opts
  dir=$(mktemp -d)
  chmod 755 "$dir" # apt downloads as the _apt user
  mkdir -p "$dir/lists/partial"
  uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  if [ -z "$uri" ]; then
    uri=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list)
  fi
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri experimental main" >"$dir/exp.list"
  opts=(-o "Dir::Etc::sourcelist=$dir/exp.list" -o "Dir::Etc::sourceparts=-" -o "Dir::State::Lists=$dir/lists")
  apt-get "${opts[@]}" update -qq
  (cd "$dir" && apt-get "${opts[@]}" download mediasoup-worker)
  apt_update_once # the worker's own dependencies come from bookworm
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$dir"/mediasoup-worker_*.deb
  rm -rf "$dir"
}

install_debian_packages
install_mediasoup_worker
echo "setup-system: chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), mediasoup-worker at $MEDIASOUP_WORKER_BIN_DEFAULT"
