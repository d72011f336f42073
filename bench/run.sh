#!/usr/bin/env bash
# Measures ChatFake against the express-seed anchor (the reference implementation in Node) on
# this machine, with the same load generator and the same scenarios, and prints one table.
#
#   bench/run.sh                    # everything: about 6 minutes on 2 cores (plus npm ci the first time)
#   BENCH_STREAMS="100" BENCH_GROUPS="100" BENCH_CLIENTS="1,32" BENCH_REST_SECONDS=5 bench/run.sh   # a quick look
#
# Both servers run one after the other on loopback ports, each scenario first against ChatFake
# and then against the anchor, so that both see the same machine. rest runs at AI_DELAY_SCALE=0;
# streams and groups at AI_DELAY_SCALE=1 (every reply streams for a few seconds). Both servers
# are stopped by their PIDs at the end, also when the script fails or is interrupted.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)

# The anchor lives in the shared folder next to the repo (../shared); in this workspace it is /work/shared.
shared=${SHARED_DIR:-}
if [ -z "$shared" ]; then
  for candidate in "$repo/../shared" /work/shared; do
    if [ -f "$candidate/anchors/express-seed/server.js" ]; then shared=$(cd "$candidate" && pwd); break; fi
  done
fi
[ -n "$shared" ] || { echo "express-seed anchor not found: set SHARED_DIR to the shared folder" >&2; exit 1; }

chatfake_port=${CHATFAKE_PORT:-3951}
anchor_port=${ANCHOR_PORT:-3952}
clients=${BENCH_CLIENTS:-1,32}
rest_seconds=${BENCH_REST_SECONDS:-15}
stream_counts=${BENCH_STREAMS:-100 1000 2000}
group_counts=${BENCH_GROUPS:-100 1000}

work=$(mktemp -d "${TMPDIR:-/tmp}/chatfake-bench.XXXXXX")
results=${RESULTS_DIR:-$work/results}
mkdir -p "$results"
cache=${XDG_CACHE_HOME:-$HOME/.cache}/chatfake-bench
anchor="$cache/express-seed"
# Both servers run as production with the same secret (the anchor's dev default would be refused by ChatFake).
secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')

running=()
stop_server() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  for pid in "${running[@]}"; do stop_server "$pid"; done
  rm -f "$work"/*.db "$work"/*-log.db "$work"/*.db.lock "$work"/*.db-wal "$work"/*.db-shm
}
trap cleanup EXIT

# Thousands of open streams need as many sockets on each side.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 8192 ]; then
  echo "warning: only $(ulimit -n) open files allowed; the 2000-stream runs will fail" >&2
fi

for port in "$chatfake_port" "$anchor_port"; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is already in use" >&2; exit 1; fi
done

echo "== building ChatFake (Release) and the load generator"
dotnet build "$repo/ChatFake.csproj" -c Release -nologo -v q
dotnet build "$repo/bench/ChatFake.Bench/ChatFake.Bench.csproj" -c Release -nologo -v q
app_dll="$repo/bin/Release/net10.0/ChatFake.dll"
bench_dll="$repo/bench/ChatFake.Bench/bin/Release/net10.0/ChatFake.Bench.dll"

# The shared folder is read-only: the anchor runs from a copy, installed once per lockfile
# (npm ci compiles better-sqlite3, about a minute or two).
src="$shared/anchors/express-seed"
if ! cmp -s "$src/package-lock.json" "$anchor/.installed-lock.json" || [ ! -d "$anchor/node_modules" ]; then
  echo "== installing the anchor into $anchor (npm ci)"
  rm -rf "$anchor" && mkdir -p "$anchor"
  cp -r "$src"/. "$anchor"/ && chmod -R u+w "$anchor"
  (cd "$anchor" && npm ci --no-audit --no-fund)
  cp "$src/package-lock.json" "$anchor/.installed-lock.json"
else
  cp -r "$src"/. "$anchor"/ && chmod -R u+w "$anchor"
fi

wait_ready() {
  local name=$1 port=$2 pid=$3 log=$4
  for _ in $(seq 1 120); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/health"; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "$name exited at start-up:" >&2; tail -20 "$log" >&2; exit 1; fi
    sleep 0.5
  done
  echo "$name did not answer /health within 60 s" >&2
  exit 1
}

# start_servers SCALE: ChatFake and the anchor on fresh databases; sets chatfake_pid and anchor_pid.
start_servers() {
  local scale=$1
  PORT=$chatfake_port DATABASE_PATH="$work/chatfake-$scale.db" ASPNETCORE_ENVIRONMENT=Production JWT_SECRET=$secret \
    AI_DELAY_SCALE=$scale RATE_LIMIT_AUTH_PER_MINUTE=0 \
    dotnet "$app_dll" >"$work/chatfake-scale$scale.log" 2>&1 &
  chatfake_pid=$!
  running+=("$chatfake_pid")
  PORT=$anchor_port DATABASE_PATH="$work/anchor-$scale.db" NODE_ENV=production JWT_SECRET=$secret \
    AI_DELAY_SCALE=$scale \
    node "$anchor/server.js" >"$work/anchor-scale$scale.log" 2>&1 &
  anchor_pid=$!
  running+=("$anchor_pid")
  wait_ready ChatFake "$chatfake_port" "$chatfake_pid" "$work/chatfake-scale$scale.log"
  wait_ready anchor "$anchor_port" "$anchor_pid" "$work/anchor-scale$scale.log"
}

stop_servers() {
  stop_server "$chatfake_pid"
  stop_server "$anchor_pid"
  running=()
}

status=0
run=0
# measure ARGS...: the same scenario against ChatFake, then against the anchor.
measure() {
  local label port pid
  for label in chatfake anchor; do
    if [ "$label" = chatfake ]; then port=$chatfake_port pid=$chatfake_pid; else port=$anchor_port pid=$anchor_pid; fi
    run=$((run + 1))
    dotnet "$bench_dll" "http://127.0.0.1:$port" --label "$label" --pid "$pid" \
      --json "$results/$(printf %02d $run)-$label.json" "$@" >"$results/$(printf %02d $run)-$label.md" || status=1
  done
}

echo "== rest (AI_DELAY_SCALE=0): clients $clients, ${rest_seconds} s each; load average $(cut -d' ' -f1-3 /proc/loadavg)"
start_servers 0
for n in ${clients//,/ }; do measure --scenarios rest --clients "$n" --seconds "$rest_seconds"; done
stop_servers

echo "== streams and groups (AI_DELAY_SCALE=1): K = $stream_counts, groups K = $group_counts"
start_servers 1
# A fresh process compiles its streaming code on first use: warm both up alike, unrecorded.
for port in "$chatfake_port" "$anchor_port"; do
  dotnet "$bench_dll" "http://127.0.0.1:$port" --label warm-up --scenarios streams,groups --streams 50 --groups 10 >/dev/null 2>&1 || true
done
for k in $stream_counts; do measure --scenarios streams --streams "$k"; done
for k in $group_counts; do measure --scenarios groups --groups "$k"; done
stop_servers

echo "== results (load average now $(cut -d' ' -f1-3 /proc/loadavg); logs and JSON in $results, server logs in $work)"
echo
dotnet "$bench_dll" compare "$results"/*.json | tee "$results/comparison.md"
exit $status
