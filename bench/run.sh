#!/usr/bin/env bash
# Measures ChatFake against the express-seed anchor (the reference implementation in Node) and
# a bare ASP.NET Core ceiling (bench/Ceiling) on this machine, side by side in one run, and
# prints the tables of bench/RESULTS.md.
#
#   bench/run.sh           # everything: about 12 minutes on 2 cores (plus npm ci the first time)
#   bench/run.sh --quick   # every phase, tiny: proves the harness works (about 2 minutes)
#   BENCH_PHASES="throughput growth" bench/run.sh   # only these phases (default: all three)
#
# Phases: throughput (wrk, 64 connections, AI_DELAY_SCALE=0: every route of the issue's table,
# ChatFake then the anchor, and the ceiling for GET /api/models); growth (ChatFake alone: page 1
# and the middle page of every list at each size, on databases seeded in bulk by
# ChatFake.Bench growth-seed); streams and groups (AI_DELAY_SCALE=1, K held open at once, both
# servers), then 3 rounds of the largest K on ChatFake for its memory. Every server is stopped by
# its PID at the end, also when the script fails or is interrupted.
set -euo pipefail

case "${1:-}" in
  "" | --quick) ;;
  -h | --help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "unknown option: $1 (bench/run.sh --help)" >&2; exit 2 ;;
esac

repo=$(cd "$(dirname "$0")/.." && pwd)

# The anchor lives in the shared folder next to the repo (../shared); in this workspace it is /work/shared.
shared=${SHARED_DIR:-}
if [ -z "$shared" ]; then
  for candidate in "$repo/../shared" /work/shared; do
    if [ -f "$candidate/anchors/express-seed/server.js" ]; then shared=$(cd "$candidate" && pwd); break; fi
  done
fi
[ -n "$shared" ] || { echo "express-seed anchor not found: set SHARED_DIR to the shared folder" >&2; exit 1; }

quick=0
[ "${1:-}" = --quick ] && quick=1
chatfake_port=${CHATFAKE_PORT:-3951}
anchor_port=${ANCHOR_PORT:-3952}
ceiling_port=${CEILING_PORT:-3953}
if [ $quick = 1 ]; then
  wrk_seconds=${BENCH_SECONDS:-2} growth_sizes=${BENCH_GROWTH:-1000} stream_counts=${BENCH_STREAMS:-100}
  group_counts=${BENCH_GROUPS:-20} memory_rounds=${BENCH_MEMORY_ROUNDS:-0} growth_requests=20
else
  wrk_seconds=${BENCH_SECONDS:-10} growth_sizes=${BENCH_GROWTH:-1000 10000 100000} stream_counts=${BENCH_STREAMS:-2000 5000}
  group_counts=${BENCH_GROUPS:-1000} memory_rounds=${BENCH_MEMORY_ROUNDS:-3} growth_requests=100
fi

phases=" ${BENCH_PHASES:-throughput growth streams} "
phase() { [[ $phases == *" $1 "* ]]; }

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

command -v wrk >/dev/null || { echo "wrk not found (apt-get install -y wrk)" >&2; exit 1; }
for port in "$chatfake_port" "$anchor_port" "$ceiling_port"; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is already in use" >&2; exit 1; fi
done

echo "== building ChatFake (Release) and the load generator"
dotnet build "$repo/ChatFake.csproj" -c Release -nologo -v q
dotnet build "$repo/bench/ChatFake.Bench/ChatFake.Bench.csproj" -c Release -nologo -v q
dotnet build "$repo/bench/Ceiling/Ceiling.csproj" -c Release -nologo -v q
app_dir="$repo/bin/Release/net10.0"
bench_dll="$repo/bench/ChatFake.Bench/bin/Release/net10.0/ChatFake.Bench.dll"
ceiling_dll="$repo/bench/Ceiling/bin/Release/net10.0/Ceiling.dll"

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

# start_chatfake SCALE DATABASE LOG: sets chatfake_pid. It runs from its build folder, as a
# deployment would, so that its appsettings.json (log levels) applies. Its composed replies are
# cut at 240 characters: the pace of a chunk is what the stream phase measures, and the longest
# replies (markdown documents of thousands of characters, a minute or two at 30 ms a character)
# only stretched its wall time.
start_chatfake() {
  (cd "$app_dir" && PORT=$chatfake_port DATABASE_PATH="$2" ASPNETCORE_ENVIRONMENT=Production JWT_SECRET=$secret \
    AI_DELAY_SCALE=$1 AI_REPLY_MAX_CHARS=240 RATE_LIMIT_AUTH_PER_MINUTE=0 exec dotnet ChatFake.dll >"$3" 2>&1) &
  chatfake_pid=$!
  running+=("$chatfake_pid")
  wait_ready ChatFake "$chatfake_port" "$chatfake_pid" "$3"
}

# start_servers SCALE: ChatFake and the anchor on fresh databases; sets chatfake_pid and anchor_pid.
start_servers() {
  local scale=$1
  start_chatfake "$scale" "$work/chatfake-$scale.db" "$work/chatfake-scale$scale.log"
  PORT=$anchor_port DATABASE_PATH="$work/anchor-$scale.db" NODE_ENV=production JWT_SECRET=$secret \
    AI_DELAY_SCALE=$scale \
    node "$anchor/server.js" >"$work/anchor-scale$scale.log" 2>&1 &
  anchor_pid=$!
  running+=("$anchor_pid")
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

# wrk_run ROUTE LABEL PORT CONNECTIONS METHOD PATH [BODY]: one wrk run, one row of throughput.md.
wrk_run() {
  local route=$1 label=$2 port=$3 connections=$4 method=$5 path=$6 body=${7:-} out
  out=$(METHOD=$method BODY=$body TOKEN=${token:-} wrk -t2 -c"$connections" -d"${wrk_seconds}s" --latency \
    -s "$repo/bench/wrk-request.lua" "http://127.0.0.1:$port$path")
  local rps p50 p99 non2xx
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
  echo "| $route | $label | $connections | $(cut -d' ' -f1 /proc/loadavg) | ${rps%.*} | $p50 | $p99 | ${non2xx:-0} |" | tee -a "$results/throughput.md"
}

# throughput LABEL PORT: every route of the table on one server (its data made by ChatFake.Bench prepare).
throughput() {
  local label=$1 port=$2
  dotnet "$bench_dll" prepare "http://127.0.0.1:$port" "$work/$label.env"
  # shellcheck disable=SC1090
  . "$work/$label.env"
  token=$TOKEN
  wrk_run "GET /api/models" "$label" "$port" 64 GET /api/models
  wrk_run "GET /api/conversations (20 of 1,000)" "$label" "$port" 64 GET "/api/conversations?page=1&limit=20"
  wrk_run "GET messages (50 of 2,000)" "$label" "$port" 64 GET "/api/conversations/$CONVERSATION/messages?page=1&limit=50"
  wrk_run "POST /api/conversations" "$label" "$port" 64 POST /api/conversations '{"title":"wrk"}'
  wrk_run "POST message" "$label" "$port" 64 POST "/api/conversations/$CONVERSATION/messages" '{"content":"wrk says hello"}'
  token=
  wrk_run "POST /api/auth/login" "$label" "$port" 8 POST /api/auth/login "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}"
}

if phase throughput; then
echo "== throughput (AI_DELAY_SCALE=0, wrk, ${wrk_seconds} s a route); load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| route | server | connections | load | req/s | p50 | p99 | non-2xx |\n|---|---|---:|---:|---:|---:|---:|---:|\n' | tee "$results/throughput.md"
start_servers 0
(PORT=$ceiling_port JWT_SECRET=$secret exec dotnet "$ceiling_dll" >"$work/ceiling.log" 2>&1) &
ceiling_pid=$!
running+=("$ceiling_pid")
wait_ready ceiling "$ceiling_port" "$ceiling_pid" "$work/ceiling.log"
throughput chatfake "$chatfake_port"
. "$work/chatfake.env"
token=$TOKEN wrk_run "GET /api/models" ceiling "$ceiling_port" 64 GET /api/models
throughput anchor "$anchor_port"
stop_servers
stop_server "$ceiling_pid"
fi

if phase growth; then
echo "== growth (ChatFake, AI_DELAY_SCALE=0): sizes $growth_sizes"
costs=()
for n in $growth_sizes; do
  dotnet "$bench_dll" growth-seed "$work/growth-$n.db" "$n" "$work/growth-$n.json"
  start_chatfake 0 "$work/growth-$n.db" "$work/growth-$n.log"
  dotnet "$bench_dll" growth "http://127.0.0.1:$chatfake_port" "$growth_requests" "$work/growth-$n.json" || status=1
  costs+=("$work/growth-$n.json.costs.json")
  stop_server "$chatfake_pid"
  running=()
done
dotnet "$bench_dll" growth-table "${costs[@]}" | tee "$results/growth.md"
fi

if phase streams; then
echo "== streams and groups (AI_DELAY_SCALE=1): K = $stream_counts, groups K = $group_counts"
start_servers 1
# A fresh process compiles its streaming code on first use: warm both up alike, unrecorded.
for port in "$chatfake_port" "$anchor_port"; do
  dotnet "$bench_dll" "http://127.0.0.1:$port" --label warm-up --scenarios streams,groups --streams 50 --groups 10 >/dev/null 2>&1 || true
done
# 20 streams a user, ChatFake's MAX_STREAMS_PER_USER: half the BCrypt registrations of the default 10.
for k in $stream_counts; do measure --scenarios streams --streams "$k" --streams-per-user 20; done
for k in $group_counts; do measure --scenarios groups --groups "$k" --streams-per-user 20; done
if [ "$memory_rounds" -gt 0 ]; then
  # Streams that come and go: the same K again and again on ChatFake alone; RSS before each round is after the last.
  largest=${stream_counts##* }
  rounds=$(printf "$largest,%.0s" $(seq 1 "$memory_rounds"))
  run=$((run + 1))
  dotnet "$bench_dll" "http://127.0.0.1:$chatfake_port" --label chatfake-memory --pid "$chatfake_pid" --scenarios streams \
    --streams-per-user 20 --streams "${rounds%,}" --json "$results/$(printf %02d $run)-memory.json" >"$results/$(printf %02d $run)-memory.md" || status=1
fi
stop_servers
fi

echo "== results (load average now $(cut -d' ' -f1-3 /proc/loadavg); logs and JSON in $results, server logs in $work)"
echo
if phase throughput; then echo "Throughput"; cat "$results/throughput.md"; echo; fi
if phase growth; then echo "Growth"; cat "$results/growth.md"; echo; fi
if phase streams; then dotnet "$bench_dll" compare "$results"/*.json | tee "$results/comparison.md"; fi
exit $status
