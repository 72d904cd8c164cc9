-- wrk script for bench/trends.sh: GETs of trends or panels as the clinicians of a generated cohort.
--   BENCH_MODE     trend     GET /api/v1/patients/{id}/trends/{domain}: a random patient, a random domain
--                  overview  GET /api/v1/patients/{id}/trends: a random patient, all four domains
--                  panel     GET /api/v1/reports/panel?domain=pain&limit=50: a random clinician's first page
--                  post      POST /api/v1/patients/{id}/check-ins: a random patient's DAILY check-in with all four
--                            scores, recorded a second ago, so the WORSENING rule runs on a year-long course
--   BENCH_PATIENTS file of "patientId clinicianUsername" lines (TrendCohort.java writes it)
--   BENCH_TOKENS   file of "clinicianUsername accessToken" lines (trends.sh logs every clinician in)
-- Every request carries the token of a clinician on the patient's care team, as a clinic's requests would.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "result.lua")

local mode = os.getenv("BENCH_MODE") or "trend"
assert(mode == "trend" or mode == "overview" or mode == "panel" or mode == "post",
  "BENCH_MODE must be trend, overview, panel or post")
local domains = { "pain", "sleep", "mobility", "mood" }

local headers = {}
local postHeaders = {}
local clinicians = {}
local tokenFile = os.getenv("BENCH_TOKENS")
assert(tokenFile, "BENCH_TOKENS must name the token file")
for line in io.lines(tokenFile) do
  local user, token = line:match("^(%S+)%s+(%S+)$")
  if user then
    -- wrk.format adds Host to the table it is given: one table per clinician, reused.
    headers[user] = { ["Authorization"] = "Bearer " .. token }
    postHeaders[user] = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
    clinicians[#clinicians + 1] = user
  end
end
assert(#clinicians > 0, "no tokens")

local patients = {}
local caredBy = {}
local patientFile = os.getenv("BENCH_PATIENTS")
assert(patientFile, "BENCH_PATIENTS must name the patient file")
for line in io.lines(patientFile) do
  local id, user = line:match("^(%S+)%s+(%S+)$")
  if id then
    assert(headers[user], "no token for " .. user)
    patients[#patients + 1] = id
    caredBy[#patients] = user
  end
end
assert(#patients > 0, "no patients")

local thread_count = 0
function setup(thread)
  thread:set("tid", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  -- Each thread its own sequence: threads started in the same second must not ask for the same patients.
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
end

function request()
  if mode == "panel" then
    local user = clinicians[math.random(#clinicians)]
    return wrk.format("GET", "/api/v1/reports/panel?domain=pain&limit=50", headers[user])
  end
  local i = math.random(#patients)
  if mode == "post" then
    local body = string.format(
      '{"context":"DAILY","recordedAt":"%s","scores":{"pain":%d,"sleep":%d,"mobility":%d,"mood":%d}}',
      os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 1), math.random(0, 10), math.random(0, 10), math.random(0, 10),
      math.random(0, 10))
    return wrk.format("POST", "/api/v1/patients/" .. patients[i] .. "/check-ins", postHeaders[caredBy[i]], body)
  end
  local path = "/api/v1/patients/" .. patients[i] .. "/trends"
  if mode == "trend" then
    path = path .. "/" .. domains[math.random(#domains)]
  end
  return wrk.format("GET", path, headers[caredBy[i]])
end
