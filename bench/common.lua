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

-- One machine-readable line for run.sh; wrk --latency prints the human table above it.
function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p75_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
    "non2xx=%d connect_err=%d read_err=%d write_err=%d timeouts=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(75) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect, e.read, e.write, e.timeout))
end
