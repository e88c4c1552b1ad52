#!/usr/bin/env bash
# Start-up as a user meets it: each command runs `--version` and the README sample's `submit … --what-if --quiet`
# (on a copy, in a temporary folder), N times after one run that is not counted; prints the median and the
# fastest wall time and the median CPU time (user + system) of each. docs/install.md shows what it measured.
#   bench/startup.sh [-n N] COMMAND ...
#   bench/startup.sh dist/linux-x64/batchorders "dotnet src/BatchOrders.Cli/bin/Release/net10.0/BatchOrders.Cli.dll"
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=7
if [ "${1:-}" = "-n" ]; then runs="$2"; shift 2; fi
[ $# -gt 0 ] || { echo "usage: bench/startup.sh [-n N] COMMAND ..." >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/batchorders-startup-XXXXXX")"
trap 'rm -rf "$work"' EXIT
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '%-70s %-8s %12s %12s %12s\n' command case "wall median" "wall min" "CPU median"
for command in "$@"; do
  read -r -a exe <<<"$command"
  for case in version what-if; do
    : >"$work/times"
    for i in $(seq 0 "$runs"); do
      rm -rf "$work/run" && mkdir "$work/run" && cp "$root/sample-data/migration-day.xlsx" "$work/run/"
      if [ "$case" = version ]; then args=(--version); else args=(submit "$work/run/migration-day.xlsx" --what-if --quiet); fi
      /usr/bin/time -o "$work/time" -f '%e %U %S' "${exe[@]}" "${args[@]}" >/dev/null 2>&1 \
        || { echo "'$command ${args[*]}' failed" >&2; exit 1; }
      [ "$i" -eq 0 ] || cat "$work/time" >>"$work/times"
    done
    printf '%-70s %-8s %11ss %11ss %11ss\n' "$command" "$case" \
      "$(awk '{ print $1 }' "$work/times" | median)" \
      "$(awk '{ print $1 }' "$work/times" | sort -n | head -1)" \
      "$(awk '{ printf "%.2f\n", $2 + $3 }' "$work/times" | median)"
  done
done
