-- wrk script: GET /api/v1/patients/{id}/check-ins?limit=50 round-robin over the patients in $BENCH_PATIENTS.
-- Every request carries Authorization: Bearer $BENCH_TOKEN (set in common.lua, before init() formats them).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local limit = os.getenv("BENCH_LIST_LIMIT") or "50"
local reqs = {}
local n = 0

function init(args)
  for i, id in ipairs(ids) do
    reqs[i] = wrk.format("GET", "/api/v1/patients/" .. id .. "/check-ins?limit=" .. limit)
  end
  n = tid or 0
end

function request()
  n = n + (nthreads or 1)
  return reqs[(n % #reqs) + 1]
end
