-- wrk script of `make drill`: cycles through the requests listed, one per line, in the file
-- named by DRILL_REQUESTS as METHOD<TAB>PATH<TAB>BODY (BODY may be empty: no body is sent),
-- counts the answers by status, and prints one line "DRILL_RESULT {json}" when done.

local threads = {}
local requests = {}
local counter = 0
statuses = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  local path = assert(os.getenv("DRILL_REQUESTS"), "set DRILL_REQUESTS to a requests file")
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
  counter = (tonumber(args[1]) or 0) % #requests
end

function request()
  counter = counter % #requests + 1
  return requests[counter]
end

function response(status, _, _)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, _)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(total) do
    parts[#parts + 1] = string.format('"%d": %d', status, count)
  end
  local e = summary.errors
  io.write(string.format(
    'DRILL_RESULT {"requests": %.0f, "duration_us": %.0f, "p50_us": %.0f, "p99_us": %.0f, ' ..
    '"max_us": %.0f, "socket_errors": %.0f, "statuses": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, e.connect + e.read + e.write + e.timeout, table.concat(parts, ", ")))
end
