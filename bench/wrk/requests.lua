-- wrk script of `make bench`: cycles through the requests listed, one per line, in the file
-- named by BENCH_REQUESTS as METHOD<TAB>PATH<TAB>BODY (BODY may be empty, then no body is
-- sent), and prints one line "BENCH_RESULT {json}" with the run's figures when done.

local requests = {}
local counter = 0

function init(args)
  local path = assert(os.getenv("BENCH_REQUESTS"), "set BENCH_REQUESTS to a requests file")
  local file = assert(io.open(path, "r"))
  for line in file:lines() do
    local method, target, body = line:match("^([^\t]+)\t([^\t]+)\t?(.*)$")
    if method then
      local headers = {}
      if body ~= nil and body ~= "" then
        headers["Content-Type"] = "application/json"
      else
        body = nil
      end
      requests[#requests + 1] = wrk.format(method, target, headers, body)
    end
  end
  file:close()
  assert(#requests > 0, "no requests in " .. path)
  -- Threads start at different places in the list, so they do not move in step.
  counter = (tonumber(args[1]) or 0) % #requests
end

function request()
  counter = counter % #requests + 1
  return requests[counter]
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests": %.0f, "duration_us": %.0f, "bytes": %.0f, ' ..
    '"p50_us": %.0f, "p90_us": %.0f, "p99_us": %.0f, "max_us": %.0f, "mean_us": %.1f, ' ..
    '"connect": %.0f, "read": %.0f, "write": %.0f, "status": %.0f, "timeout": %.0f}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout))
end
