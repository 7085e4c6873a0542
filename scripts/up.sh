#!/usr/bin/env bash
# Sets everything up, starts the Webconf server, and opens the desktop app — or, where Electron
# cannot start, says why and prints the address of the web client the server serves.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

export MEDIASOUP_WORKER_BIN="${MEDIASOUP_WORKER_BIN:-/usr/lib/x86_64-linux-gnu/mediasoup/mediasoup-worker}"
host="${WEBCONF_HOST:-127.0.0.1}"
port="${WEBCONF_PORT:-8080}"
url="http://${host}:${port}"

# On this machine, its own user is the agent: rooms may be created from the machine itself.
# A real deployment lists the State network's ranges (see docs/server-configuration.md).
export WEBCONF_TRUSTED_NETWORKS="${WEBCONF_TRUSTED_NETWORKS:-127.0.0.1/32,::1/128}"

node --enable-source-maps dist/server/index.js &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 60); do
  if curl -fsS "$url/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then echo "webconf: the server did not start (see above)" >&2; exit 1; fi
  sleep 0.5
done
curl -fsS "$url/healthz" >/dev/null || { echo "webconf: the server did not answer on $url" >&2; exit 1; }

echo
echo "Webconf server: $url  (health: $url/healthz)"
echo "Rooms may be created from: $WEBCONF_TRUSTED_NETWORKS (data in ${WEBCONF_DATABASE:-data/webconf.sqlite})"
# Electron's binary is downloaded on its first run (node_modules/electron/dist); without it, or
# without a display, the desktop app cannot start here.
electron_binary="node_modules/electron/dist/$(cat node_modules/electron/path.txt 2>/dev/null || echo electron)"
reasons=()
[ -x "$electron_binary" ] || reasons+=("no Electron binary (downloaded on first run, from a host this machine may not reach)")
[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || reasons+=("no display")
if [ "${#reasons[@]}" -eq 0 ] || [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  if WEBCONF_SERVER_URL="$url" timeout 600 npx --no-install electron . 2>/tmp/webconf-electron.log; then
    desktop_status="closed"
  else
    desktop_status="could not start: ${reasons[*]:-see /tmp/webconf-electron.log}"
  fi
else
  desktop_status="cannot start on this machine: $(IFS=';'; echo "${reasons[*]}" | sed 's/;/; /g')"
fi
echo "Desktop app: $desktop_status."
echo "Open the web client in a browser: $url"
echo "Press Ctrl-C to stop the server."
wait "$server"
