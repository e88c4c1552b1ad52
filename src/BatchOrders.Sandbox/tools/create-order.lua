-- wrk script: POST create-order requests, each with its own MS-RequestId (so none is an idempotent replay).
-- Usage: wrk -t2 -c32 -d20s -s create-order.lua http://127.0.0.1:5099
-- setup runs in the main Lua state and hands each thread its number as a global of that thread's own state.
local threads_started = 0
local counter = 0

function setup(thread)
  threads_started = threads_started + 1
  thread:set("thread_number", threads_started)
end

function init(args)
  counter = 0
end

local body = '{"BillingCycle":"monthly","LineItems":[{"LineItemNumber":0,"OfferId":"031c9e47-4802-4248-838e-778fb1d2cc05","Quantity":5,"FriendlyName":"Office 365 E3"}],"Attributes":{"ObjectType":"Order"}}'

function request()
  counter = counter + 1
  local request_id = string.format("%08x-0000-4000-8000-%012x", thread_number, counter)
  local headers = {
    ["Authorization"] = "Bearer bench-token",
    ["Content-Type"] = "application/json",
    ["MS-RequestId"] = request_id,
    ["MS-CorrelationId"] = "5f0e7d1c-2b3a-4f84-9a4e-6b1a1f553a52",
  }
  return wrk.format("POST", "/v1/customers/6b1a1f55-3a52-4f84-9a4e-1f0e7d1c2b3a/orders", headers, body)
end

function response(status, headers, body)
  if status ~= 201 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
