#!/usr/bin/env bash
# Builds BatchOrders quietly (incrementally: a no-op when nothing changed), then runs it with every argument.
#   ./run.sh bench [--quick] [suite ...]   the benchmark harness (bench/README.md), in Release
#   ./run.sh chaos [--quick] [--seed N]    the chaos harness: SIGKILLed client vs a faulty sandbox, ledger checked
#   ./run.sh fuzz [--quick] [--seed N] [--minutes M]
#                                          the fuzzer: mutated files read within time and memory budgets (docs/fuzzing.md)
#   ./run.sh publish [--no-ready-to-run] [--no-tool] [RID ...]
#                                          self-contained single-file executables into dist/RID/ (default: every
#                                          system users run: win-x64 linux-x64 osx-arm64 linux-arm64) and the dotnet
#                                          tool package into dist/ (docs/install.md)
# Anything else goes to the CLI unchanged.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

project="$root/src/BatchOrders.Cli/BatchOrders.Cli.csproj"
dll="$root/src/BatchOrders.Cli/bin/Release/net10.0/BatchOrders.Cli.dll"
bench_project="$root/bench/BatchOrders.Benchmarks/BatchOrders.Benchmarks.csproj"
bench_dll="$root/bench/BatchOrders.Benchmarks/bin/Release/net10.0/BatchOrders.Benchmarks.dll"
fuzz_project="$root/fuzz/BatchOrders.Fuzzing/BatchOrders.Fuzzing.csproj"
fuzz_dll="$root/fuzz/BatchOrders.Fuzzing/bin/Release/net10.0/BatchOrders.Fuzzing.dll"

all_rids=(win-x64 linux-x64 osx-arm64 linux-arm64)

# Runs a command with its output kept aside, shown only if it fails.
quietly() {
  local what="$1" log
  shift
  log="$(mktemp)"
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "run.sh: $what failed (see above)." >&2
    exit 2
  fi
  rm -f "$log"
}

build() {
  quietly "the build" dotnet build "$1" -c Release -nologo -v q
}

publish() {
  local ready_to_run=true tool=true rids=() rid
  for rid in "$@"; do
    case "$rid" in
      --no-ready-to-run) ready_to_run=false ;;
      --no-tool) tool=false ;;
      win-x64|linux-x64|osx-arm64|linux-arm64) rids+=("$rid") ;;
      *) echo "run.sh publish: '$rid' is not one of --no-ready-to-run --no-tool ${all_rids[*]}." >&2; exit 2 ;;
    esac
  done
  [ ${#rids[@]} -gt 0 ] || rids=("${all_rids[@]}")

  local dist="$root/dist" out built name extra
  mkdir -p "$dist"
  for rid in "${rids[@]}"; do
    out="$dist/$rid"
    built=BatchOrders.Cli name=batchorders
    case "$rid" in win-*) built+=.exe name+=.exe ;; esac
    rm -rf "$out"
    echo "publishing $rid …"
    quietly "publishing $rid" dotnet publish "$project" -c Release -r "$rid" -o "$out" -nologo -v q -p:PublishReadyToRun=$ready_to_run
    # Users get one file: anything published beside it would be missing wherever the file is copied alone.
    extra="$(cd "$out" && ls -A | grep -vxF "$built" || true)"
    if [ -n "$extra" ]; then
      echo "run.sh publish: $rid published more than the executable: $extra. Embed what it needs instead." >&2
      exit 2
    fi
    mv "$out/$built" "$out/$name"
    echo "  dist/$rid/$name ($(( $(stat -c %s "$out/$name") / 1048576 )) MiB)"
  done

  [ "$tool" = true ] || return 0
  echo "packing the dotnet tool …"
  rm -f "$dist"/BatchOrders.Cli.*.nupkg
  quietly "packing the dotnet tool" dotnet pack "$project" -c Release -o "$dist" -nologo -v q
  echo "  dist/$(cd "$dist" && ls BatchOrders.Cli.*.nupkg)"
}

case "${1:-}" in
  bench)
    # The preflight suite drives the CLI (and its standalone sandbox) as child processes: both are built.
    build "$project"
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
  fuzz)
    build "$fuzz_project"
    shift
    exec dotnet "$fuzz_dll" "$@"
    ;;
  publish)
    shift
    publish "$@"
    exit 0
    ;;
esac

build "$project"
exec dotnet "$dll" "$@"
