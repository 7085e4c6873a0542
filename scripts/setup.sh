#!/usr/bin/env bash
# Everything Webconf needs on a fresh Debian 12 machine, idempotent: system packages (Chromium,
# Debian's mediasoup-worker), npm packages exactly as locked, and a build of every part.
set -euo pipefail
cd "$(dirname "$0")/.."

export MEDIASOUP_WORKER_BIN="${MEDIASOUP_WORKER_BIN:-/usr/lib/x86_64-linux-gnu/mediasoup/mediasoup-worker}"

bash scripts/setup-system.sh

# mediasoup@3.8.4 must not build or download its own worker: MEDIASOUP_WORKER_BIN points it at
# Debian's. Electron's binary is fetched lazily on first run, never at install.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

npm run --silent build
