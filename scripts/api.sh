# Shared by scripts/fuzz and scripts/bench (source it): start the API binary
# as a newcomer would, with its own PostgreSQL in a temporary data folder, and
# stop it with SIGTERM as an orchestrator would.

# start_api BINARY: starts it on a free port; sets API_PID, API_URL, API_DIR.
start_api() {
    API_DIR=$(mktemp -d)
    chmod 755 "$API_DIR"  # the postgres user must reach it when we are root
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    API_URL="http://127.0.0.1:$port"
    PORT=$port REGISTRY_DATA_DIR="$API_DIR" "$1" >"$API_DIR/api.log" 2>&1 &
    API_PID=$!
    trap 'kill -KILL "$API_PID" 2>/dev/null || true; rm -rf "$API_DIR"' EXIT
    for _ in $(seq 1 120); do
        if curl -sf "$API_URL/health/ready" >/dev/null; then return 0; fi
        if ! kill -0 "$API_PID" 2>/dev/null; then break; fi
        sleep 0.5
    done
    cat "$API_DIR/api.log" >&2
    echo "the API did not become ready" >&2
    return 1
}

# stop_api: SIGTERM, then fails if the API has not exited within 30 s.
stop_api() {
    kill -TERM "$API_PID" 2>/dev/null || return 0
    for _ in $(seq 1 60); do
        if ! kill -0 "$API_PID" 2>/dev/null; then
            wait "$API_PID" 2>/dev/null || true
            return 0
        fi
        sleep 0.5
    done
    echo "the API did not stop within 30 s of SIGTERM" >&2
    return 1
}
