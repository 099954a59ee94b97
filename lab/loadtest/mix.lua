-- The mixed run of `make loadtest` (lab/loadtest/mixed.py writes the mix and reads the result).
--
-- Every request picks a kind of visit by its weight, then one of that kind's paths, at random
-- with a fixed seed per thread (LOADTEST_SEED + thread number), so two runs send the same
-- sequence from each connection's thread. The mix file (LOADTEST_MIX) is a Lua chunk returning
-- { {name = "product", weight = 28, paths = {"/san-pham/...", ...}}, ... }.
-- done() prints one JSON line, prefixed "MIXED-RESULT ", with wrk's summary, the latency
-- percentiles and how many requests each kind got.

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_number", counter)
  table.insert(threads, thread)
end

local kinds, total_weight, sent

function init(args)
  kinds = dofile(os.getenv("LOADTEST_MIX"))
  total_weight = 0
  sent = {}
  for _, kind in ipairs(kinds) do
    total_weight = total_weight + kind.weight
    sent[kind.name] = 0
  end
  math.randomseed(tonumber(os.getenv("LOADTEST_SEED") or "1") * 1000 + thread_number)
end

function request()
  local pick = math.random() * total_weight
  local chosen = kinds[#kinds]
  for _, kind in ipairs(kinds) do
    pick = pick - kind.weight
    if pick < 0 then
      chosen = kind
      break
    end
  end
  sent[chosen.name] = sent[chosen.name] + 1
  counts = sent -- a global, so done() can read it through thread:get
  return wrk.format("GET", chosen.paths[math.random(#chosen.paths)])
end

function done(summary, latency, requests)
  local per_kind = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("counts") or {}
    for name, count in pairs(counts) do
      per_kind[name] = (per_kind[name] or 0) + count
    end
  end
  local parts = {}
  for name, count in pairs(per_kind) do
    table.insert(parts, string.format('"%s": %d', name, count))
  end
  io.write(string.format(
    'MIXED-RESULT {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"p50": %d, "p90": %d, "p99": %d, "max": %d, "mean": %.1f}, ' ..
    '"sent": {%s}}\n',
    summary.requests, summary.duration, summary.bytes,
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean, table.concat(parts, ", ")))
end
