-- wrk script: GET one order (see throughput.sh, which creates it first).
-- Usage: wrk -t2 -c32 -d20s -s get-orders.lua http://127.0.0.1:5099/v1/customers/<customer>/orders/<order-id>
wrk.headers["Authorization"] = "Bearer bench-token"
wrk.headers["Accept"] = "application/json"
