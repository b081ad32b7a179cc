-- wrk script: sustained order placement through the REST API. Each
-- Idempotency-Key is sent twice (a retry), so the count afterwards shows
-- that nothing was lost (every key has an order) or written twice (no key
-- has two).
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  n = 0
  body = os.getenv("PLACE_BODY")
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("PLACE_TOKEN")
end

request = function()
  n = n + 1
  wrk.headers["Idempotency-Key"] = os.getenv("PLACE_RUN") .. "-" .. tid .. "-" .. math.floor((n + 1) / 2)
  return wrk.format("POST", "/api/v1/orders", wrk.headers, body)
end
