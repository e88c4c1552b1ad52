#!/usr/bin/env bash
# Measures how many requests per second the sandbox serves with faults off and no rate limit, with wrk
# (apt-get install -y wrk): POST create-order with a unique MS-RequestId each, then GET of one order.
# Starts `run.sh sandbox` on port 5099 unless SANDBOX_URL points at a sandbox that is already running.
# Usage: src/BatchOrders.Sandbox/tools/throughput.sh [seconds=20] [connections=32] [extra sandbox options, e.g. --state /tmp/s.db]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
seconds="${1:-20}"
connections="${2:-32}"
shift $(( $# > 2 ? 2 : $# ))

url="${SANDBOX_URL:-}"
pid=""
if [[ -z "$url" ]]; then
  url="http://127.0.0.1:5099"
  "$root/run.sh" sandbox --port 5099 --rate-limit 0 --quiet "$@" >/dev/null &
  pid=$!
  trap 'kill "$pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    curl -sf "$url/_sandbox/stats" >/dev/null && break
    sleep 0.2
  done
fi
url="${url%/}"

echo "== POST /v1/customers/{id}/orders (unique MS-RequestId each)"
wrk -t2 -c"$connections" -d"${seconds}s" -s "$here/create-order.lua" "$url"

customer="11111111-3a52-4f84-9a4e-1f0e7d1c2b3a"
order_id="$(curl -sf -X POST -H 'Authorization: Bearer bench-token' -H 'Content-Type: application/json' \
  -d '{"BillingCycle":"monthly","LineItems":[{"LineItemNumber":0,"OfferId":"031c9e47-4802-4248-838e-778fb1d2cc05","Quantity":1}]}' \
  "$url/v1/customers/$customer/orders" | sed -E 's/^\{"id":"([^"]+)".*/\1/')"
echo "== GET /v1/customers/{id}/orders/{orderId}"
wrk -t2 -c"$connections" -d"${seconds}s" -s "$here/get-orders.lua" "$url/v1/customers/$customer/orders/$order_id"

echo "== sandbox stats"
curl -sf "$url/_sandbox/stats"
echo
