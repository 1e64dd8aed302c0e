# Shared by scripts/fuzz, scripts/bench and scripts/profile (source it):
# start the API binary as a newcomer would, with its own PostgreSQL in a
# temporary data folder, and stop it with SIGTERM as an orchestrator would;
# reach its database; draw questions it can answer.

# start_api BINARY: starts it on a free port it picks itself (PORT=0), so
# that no other server can have taken the port first; sets API_PID, API_URL,
# API_DIR.
start_api() {
    API_DIR=$(mktemp -d)
    chmod 755 "$API_DIR"  # the postgres user must reach it when we are root
    API_URL=
    # The address is logged at INFO by registry::cli: kept whatever else
    # RUST_LOG filters out (scripts/bench and scripts/profile ask for warn;
    # unset, the server logs INFO and up).
    local filter=info
    [ -n "${RUST_LOG:-}" ] && filter="$RUST_LOG,registry::cli=info"
    PORT=0 REGISTRY_DATA_DIR="$API_DIR" RUST_LOG="$filter" "$1" >"$API_DIR/api.log" 2>&1 &
    API_PID=$!
    trap 'kill -KILL "$API_PID" 2>/dev/null || true; rm -rf "$API_DIR"' EXIT
    # A first start imports the national data: about a minute in a debug
    # build on two busy cores, so allow four. The API says where it listens
    # once it does.
    for _ in $(seq 1 480); do
        if [ -z "$API_URL" ]; then
            API_URL=$(sed -n 's|.*listening on \(http://[0-9.]*:[0-9]*\).*|\1|p;T;q' "$API_DIR/api.log")
        fi
        if [ -n "$API_URL" ] && curl -sf "$API_URL/health/ready" >/dev/null; then return 0; fi
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

# api_database_env: PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE for
# the started API's database (DATABASE_URL's, or its private cluster's, in a
# folder of the temp dir when the postgres user cannot reach the data
# folder), and PGBIN, the folder of PostgreSQL's programs.
api_database_env() {
    PGBIN=$(dirname "$(readlink -f "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")")
    export PGBIN
    if [ -n "${DATABASE_URL:-}" ]; then
        eval "$(python3 - "$DATABASE_URL" <<'PY'
import shlex, sys, urllib.parse
url = urllib.parse.urlparse(sys.argv[1])
for name, value in [("PGHOST", url.hostname), ("PGPORT", url.port), ("PGUSER", url.username),
                    ("PGPASSWORD", url.password and urllib.parse.unquote(url.password)),
                    ("PGDATABASE", url.path.lstrip("/"))]:
    if value:
        print(f"export {name}={shlex.quote(str(value))}")
PY
)"
        return
    fi
    local cluster="$API_DIR/postgres"
    [ -f "$cluster/pgdata/postmaster.pid" ] ||
        cluster=$(dirname "$(dirname "$(ls -t /tmp/registry-postgres-*/pgdata/postmaster.pid | head -1)")")
    export PGHOST=127.0.0.1 PGUSER=registry PGDATABASE=registry
    PGPORT=$(sed -n 4p "$cluster/pgdata/postmaster.pid")
    PGPASSWORD=$(cat "$cluster/owner.secret")
    export PGPORT PGPASSWORD
}

# draw_holder_questions: the table bench.holder_questions (i, slug, day) of
# 200,000 questions drawn at random that the registry can answer (a holding,
# then a day within it): more than a run asks, so that most requests of a
# cold run miss the response cache. HOLDER_QUESTIONS is their number.
draw_holder_questions() {
    "$PGBIN/psql" -X -q -o /dev/null -v ON_ERROR_STOP=1 -v wanted="${HOLDER_QUESTIONS:-200000}" <<'SQL'
set client_min_messages = warning;
select setseed(0.42);
drop schema if exists bench cascade;
create schema bench;
create table bench.holder_questions as
    select row_number() over () - 1 as i, slug, day
    from (
        select a.slug, d.day
        from (select h.*
              from holdings h,
                   generate_series(1, ceil(2.0 * :wanted / (select count(*) from holdings))::int)
              order by random()
              limit 2 * :wanted) h
        join assignments a on a.id = h.assignment_id
        cross join lateral (
            select (coalesce(h.valid_from, date '2006-01-01')
                    + (random() * greatest(coalesce(h.valid_to, current_date) - coalesce(h.valid_from, date '2006-01-01') - 1, 0))::int) as day
        ) d
        where exists (select from holding_on(a.id, d.day))
        limit :wanted
    ) drawn;
create unique index on bench.holder_questions (i);
SQL
}
