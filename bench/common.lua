-- Shared by post-check-ins.lua and list-check-ins.lua (loaded with dofile).
-- BENCH_PATIENTS names a file with one patient id per line; BENCH_TOKEN is the caller's access token (run.sh
-- logs in before every wrk run: tokens live 15 minutes).

local path = os.getenv("BENCH_PATIENTS")
assert(path, "BENCH_PATIENTS must name the patient id file")
ids = {}
for line in io.lines(path) do
  if #line > 0 then ids[#ids + 1] = line end
end
assert(#ids > 0, "no patient ids in " .. path)

local token = os.getenv("BENCH_TOKEN")
assert(token and #token > 0, "BENCH_TOKEN must hold an access token")
-- wrk.format uses wrk.headers when a script passes no headers of its own: every request carries the token.
wrk.headers["Authorization"] = "Bearer " .. token

-- Each wrk thread has its own Lua state; setup() runs in the main state before that thread starts, so it can
-- number them (tid) safely. BENCH_WRK_THREADS (run.sh passes wrk's -t) spreads the threads over the patients.
nthreads = tonumber(os.getenv("BENCH_WRK_THREADS") or "1")
local thread_count = 0
function setup(thread)
  thread:set("tid", thread_count)
  thread_count = thread_count + 1
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "result.lua")
