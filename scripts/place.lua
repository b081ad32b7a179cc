-- wrk script: sustained order placement. Each idempotency key is sent twice
-- (a retry). Every acknowledged answer's order id is written to
-- $PLACE_OUT-<thread>, so bench.sh can count lost orders (acknowledged but
-- not stored, or acknowledged as submitted but not submitted) and
-- duplicated ones (two orders for one key) against what clients were told.
--   PLACE_MODE=draft   REST: POST /api/v1/orders (a draft; integrations)
--   PLACE_MODE=submit  the page's server function, placing with submit (the
--                      feasibility check on the write path: what a buyer does)
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  n = 0
  mode = os.getenv("PLACE_MODE") or "draft"
  input = os.getenv("PLACE_BODY")
  out = io.open(os.getenv("PLACE_OUT") .. "-" .. tid, "w")
  wrk.headers["Content-Type"] = "application/json"
  if mode == "submit" then
    wrk.headers["Cookie"] = os.getenv("PLACE_COOKIE")
    wrk.headers["Origin"] = os.getenv("PLACE_ORIGIN")
  else
    wrk.headers["Authorization"] = "Bearer " .. os.getenv("PLACE_TOKEN")
  end
end

request = function()
  n = n + 1
  local key = os.getenv("PLACE_RUN") .. "-" .. tid .. "-" .. math.floor((n + 1) / 2)
  if mode == "submit" then
    local body = '{"input":' .. input .. ',"idempotency_key":"' .. key .. '","submit":true}'
    return wrk.format("POST", "/sf/place_order", wrk.headers, body)
  end
  wrk.headers["Idempotency-Key"] = key
  return wrk.format("POST", "/api/v1/orders", wrk.headers, input)
end

response = function(status, headers, body)
  if status >= 200 and status < 300 then
    -- the server function answers the id itself; REST, the order
    local id = string.match(body, '^%s*(%d+)') or string.match(body, '"id":(%d+)')
    if id then
      out:write(id, "\n")
      out:flush()
    end
  end
end
