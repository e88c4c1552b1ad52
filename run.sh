#!/usr/bin/env bash
# Builds BatchOrders quietly (incrementally: a no-op when nothing changed), then runs it with every argument.
#   ./run.sh bench [--quick] [suite ...]   the benchmark harness (bench/README.md), in Release
#   ./run.sh chaos [--quick] [--seed N]    the chaos harness: SIGKILLed client vs a faulty sandbox, ledger checked
# Anything else goes to the CLI unchanged.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

project="$root/src/BatchOrders.Cli/BatchOrders.Cli.csproj"
dll="$root/src/BatchOrders.Cli/bin/Release/net10.0/BatchOrders.Cli.dll"
bench_project="$root/bench/BatchOrders.Benchmarks/BatchOrders.Benchmarks.csproj"
bench_dll="$root/bench/BatchOrders.Benchmarks/bin/Release/net10.0/BatchOrders.Benchmarks.dll"

build() {
  local log
  log="$(mktemp)"
  if ! dotnet build "$1" -c Release -nologo -v q >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "run.sh: the build failed (see above)." >&2
    exit 2
  fi
  rm -f "$log"
}

case "${1:-}" in
  bench)
    build "$bench_project"
    shift
    exec dotnet "$bench_dll" "$@"
    ;;
  chaos)
    # The chaos harness drives the CLI as a child process: both are built.
    build "$project"
    build "$bench_project"
    shift
    exec dotnet "$bench_dll" chaos --cli "$dll" "$@"
    ;;
esac

build "$project"
exec dotnet "$dll" "$@"
