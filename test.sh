#!/usr/bin/env bash
# The project's one test command. It
#   1. makes sure PostgreSQL 15, Chromium, python3 (the OpenAPI fuzz test) and nginx (two servers
#      behind a proxy) are there (installs them with apt when root),
#   2. starts a throwaway PostgreSQL cluster on a free loopback port and exports
#      STEWARD_TEST_POSTGRES for the server tests,
#   3. builds once and runs every test project: the server tests twice, on SQLite and on PostgreSQL;
#      the operations tests (real server processes: kill -9, backup and restore, nginx) once, on both,
#   4. prints one final line "N passed, N failed, N skipped" summed over all runs from their TRX files.
# It exits non-zero when a test failed, a build failed or a run produced no results.
# Under CI=true a missing PostgreSQL, Chromium, python3 or nginx is a failure, never a silent skip.
#
# Environment: CI=true (strict), STEWARD_TEST_CONFIGURATION (Release), TEST_RESULTS_DIR (keep the TRX files there).
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")"

# CI is passed through to the tests (their skips turn into failures under CI=true); left unset when unset.
[[ -n "${CI:-}" ]] && export CI
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
configuration="${STEWARD_TEST_CONFIGURATION:-Release}"
pg_bin=/usr/lib/postgresql/15/bin
strict=false
[[ "${CI:-}" == [Tt]rue || "${CI:-}" == 1 ]] && strict=true

say() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [[ "$(id -u)" == 0 ]]; }
have_postgres() { [[ -x "$pg_bin/initdb" && -x "$pg_bin/pg_ctl" && -x "$pg_bin/postgres" ]]; }
chromium_path() { command -v chromium || command -v chromium-browser || true; }
have_chromium() { [[ -n "$(chromium_path)" ]]; }
have_python() { command -v python3 >/dev/null; }
have_nginx() { [[ -x /usr/sbin/nginx ]]; }

# --- 1. Prerequisites ---------------------------------------------------------------------------

command -v dotnet >/dev/null || die "dotnet is not on PATH; install the .NET SDK named in global.json."

missing=()
have_postgres || missing+=(postgresql)
have_chromium || missing+=(chromium)
have_python || missing+=(python3)
have_nginx || missing+=(nginx)
if ((${#missing[@]})); then
    if is_root && command -v apt-get >/dev/null; then
        say "Installing ${missing[*]} with apt"
        export DEBIAN_FRONTEND=noninteractive
        # The packages' own services (the system's PostgreSQL cluster, nginx on port 80) must not
        # start: the tests start their own on free loopback ports. policy-rc.d says no to them.
        no_services=false
        if [[ ! -e /usr/sbin/policy-rc.d ]]; then
            printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && no_services=true
        fi
        installed=0
        { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } || installed=$?
        if $no_services; then rm -f /usr/sbin/policy-rc.d; fi
        ((installed == 0)) || die "apt-get could not install ${missing[*]} (exit code $installed)."
    elif $strict; then
        die "CI=true and ${missing[*]} missing; install it (apt-get install ${missing[*]}) or run as root so that this script can."
    else
        warn "${missing[*]} missing and not root: the tests that need it are skipped. Install it with: sudo apt-get install ${missing[*]}"
    fi
fi
if $strict; then
    have_postgres || die "CI=true and PostgreSQL 15 is still missing ($pg_bin)."
    have_chromium || die "CI=true and Chromium is still missing."
    have_python || die "CI=true and python3 is still missing."
    have_nginx || die "CI=true and nginx is still missing (/usr/sbin/nginx)."
fi

# --- 2. A throwaway PostgreSQL cluster ----------------------------------------------------------

work="$(mktemp -d "${TMPDIR:-/tmp}/steward-test.XXXXXX")"
chmod 0755 "$work"   # the postgres user must reach its data and socket folders inside
results="$work/results"
mkdir -p "$results"
pg_data="$work/pgdata"
pg_sock="$work/pgsock"
pg_log="$work/pglog"
pg_started=false

as_pg() {
    if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
    local status=$?
    if $pg_started; then
        as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [[ -n "${TEST_RESULTS_DIR:-}" && -d "$results" ]]; then
        mkdir -p "$TEST_RESULTS_DIR" && cp -f "$results"/*.trx "$TEST_RESULTS_DIR"/ 2>/dev/null || true
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
    if command -v python3 >/dev/null; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
        return
    fi
    local port
    for _ in $(seq 1 100); do
        port=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
    done
    return 1
}

start_postgres() {
    say "Starting a throwaway PostgreSQL cluster in $pg_data"
    if is_root && ! id postgres >/dev/null 2>&1; then
        warn "There is no postgres user to run PostgreSQL as."
        return 1
    fi
    mkdir -p "$pg_data" "$pg_sock" "$pg_log"
    if is_root; then chown postgres: "$pg_data" "$pg_sock" "$pg_log"; fi
    chmod 0700 "$pg_data"
    as_pg "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >"$work/initdb.log" 2>&1 \
        || { cat "$work/initdb.log" >&2; return 1; }

    local port attempt
    for attempt in 1 2 3 4 5; do
        port="$(free_port)" || return 1
        # Only loopback, only this run's socket folder; durability is worthless for a throwaway cluster.
        if as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_log/postgres.log" -w -t 60 -o "\
-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$pg_sock \
-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null; then
            pg_started=true
            export STEWARD_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=unused;Pooling=true;Include Error Detail=true"
            say "PostgreSQL listens on 127.0.0.1:$port"
            return 0
        fi
        warn "PostgreSQL did not start on port $port (attempt $attempt); trying another port."
        tail -n 5 "$pg_log/postgres.log" >&2 || true
    done
    return 1
}

postgres_ok=false
if have_postgres; then
    if start_postgres; then
        postgres_ok=true
    elif $strict; then
        die "CI=true and the PostgreSQL cluster did not start (log above)."
    else
        warn "The PostgreSQL cluster did not start; the PostgreSQL run of the server tests is skipped."
    fi
fi

# --- 3. Build once, run every project -----------------------------------------------------------

failures=()

say "Building Steward.slnx ($configuration)"
built_solution=true
if ! dotnet build Steward.slnx -c "$configuration" -nologo -v quiet -clp:"ErrorsOnly;NoSummary"; then
    failures+=("build of Steward.slnx")
    built_solution=false
fi

# When the solution does not build (say, only a benchmark is broken), each test project is built on
# its own so that the tests still run and report; the run fails all the same.
declare -A project_built=()
ensure_built() {
    $built_solution && return 0
    [[ -n "${project_built[$1]:-}" ]] && return "${project_built[$1]}"
    local status=0
    dotnet build "$1" -c "$configuration" -nologo -v quiet -clp:"ErrorsOnly;NoSummary" || status=$?
    project_built[$1]=$status
    return "$status"
}

# run_tests NAME PROJECT [VAR=VALUE ...]: one dotnet test run writing results/NAME.trx.
run_tests() {
    local name="$1" project="$2"
    shift 2
    say "Testing $name"
    if ! ensure_built "$project"; then
        failures+=("$name (build)")
        return 0
    fi
    if ! env "$@" dotnet test "$project" -c "$configuration" --no-build \
        --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results"; then
        failures+=("$name")
    fi
    [[ -f "$results/$name.trx" ]] || failures+=("$name (no results)")
}

run_tests core tests/Steward.Core.Tests/Steward.Core.Tests.csproj
run_tests server-sqlite tests/Steward.Server.Tests/Steward.Server.Tests.csproj STEWARD_TEST_DB=sqlite
if $postgres_ok; then
    run_tests server-postgres tests/Steward.Server.Tests/Steward.Server.Tests.csproj STEWARD_TEST_DB=postgres
else
    warn "Skipped: the PostgreSQL run of tests/Steward.Server.Tests (no PostgreSQL 15 server)."
fi
run_tests operations tests/Steward.Operations.Tests/Steward.Operations.Tests.csproj
run_tests browser tests/Steward.Browser.Tests/Steward.Browser.Tests.csproj

# --- 4. Sum up ----------------------------------------------------------------------------------

# counter FILE NAME: an attribute of the <Counters .../> element in a TRX file's ResultSummary.
counter() {
    grep -o '<Counters [^>]*>' "$1" | head -n 1 | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9][0-9]*' || echo 0
}

passed=0 failed=0 skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
    t=$(counter "$trx" total) p=$(counter "$trx" passed)
    f=$(( $(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted) ))
    s=$(( t - p - f ))
    ((s < 0)) && s=0
    printf '    %-16s %4d passed, %d failed, %d skipped\n' "$(basename "$trx" .trx)" "$p" "$f" "$s" >&2
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done

if ((${#failures[@]})); then
    # The tail is what a CI log shows: name each failed test there.
    for trx in "$results"/*.trx; do
        grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$trx" | grep -o 'testName="[^"]*"' |
            sed "s/^testName=\"\(.*\)\"$/    $(basename "$trx" .trx): \1/" >&2 || true
    done
    printf 'FAILED: %s\n' "${failures[@]}" >&2
fi
echo "$passed passed, $failed failed, $skipped skipped"
((${#failures[@]} == 0 && failed == 0))
