-- wrk script: POST /api/v1/patients/{id}/check-ins round-robin over the patients in $BENCH_PATIENTS.
-- Every request carries Authorization: Bearer $BENCH_TOKEN (set in common.lua).
-- Ids are left to the server; recordedAt is unique per request and in the past (the API refuses > 5 min ahead).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local n = 0
local base = os.time({year = 2025, month = 1, day = 1, hour = 0})

function request()
  local t = tid or 0
  local k = nthreads or 1
  local seq = n * k + t
  n = n + 1
  local patient = ids[(seq % #ids) + 1]
  local body = string.format(
    '{"context":"DAILY","recordedAt":"%s","scores":{"pain":%d,"sleep":%d,"mobility":%d,"mood":%d},"note":null}',
    os.date("!%Y-%m-%dT%H:%M:%SZ", base + seq), seq % 11, (seq + 3) % 11, (seq + 5) % 11, (seq + 7) % 11)
  return wrk.format(nil, "/api/v1/patients/" .. patient .. "/check-ins", nil, body)
end
