#!/usr/bin/env bash
# Builds BatchOrders quietly (incrementally: a no-op when nothing changed), then runs it with every argument.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

project="$root/src/BatchOrders.Cli/BatchOrders.Cli.csproj"
dll="$root/src/BatchOrders.Cli/bin/Release/net10.0/BatchOrders.Cli.dll"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! dotnet build "$project" -c Release -nologo -v q >"$log" 2>&1; then
  cat "$log" >&2
  echo "run.sh: the build failed (see above)." >&2
  exit 2
fi
rm -f "$log"
trap - EXIT
exec dotnet "$dll" "$@"
