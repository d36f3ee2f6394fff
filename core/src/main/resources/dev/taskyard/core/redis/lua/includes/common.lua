-- Shared by every script: inlined by the loader where a script says "--@include common".
-- {{...}} placeholders are filled from Java (TaskTransitions, HistogramBuckets, TaskPriority, EventLog)
-- so that each rule has one source.

-- Milliseconds from the Redis server's clock, never the caller's.
local function nowMs()
  local t = rcall('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- An integer as the text Redis would store for it. Redis 7.0 formats each Lua number argument
-- of redis.call with "%.17g", a costly conversion: per-task arguments pass texts, made once per
-- distinct value by integerTexts().
local function integerText(n)
  return string.format('%d', n)
end
local function integerTexts()
  local texts = {}
  return function(n)
    local text = texts[n]
    if not text then
      text = string.format('%d', n)
      texts[n] = text
    end
    return text
  end
end

-- Queue order: higher priority first, then FIFO by the time the task became queued.
-- score = (MAX_PRIORITY - priority) * 2^42 + queuedAtMs stays an exact integer in a double.
local MAX_PRIORITY = {{MAX_PRIORITY}}
local PRIORITY_SPAN = 4398046511104
local function queueScore(priority, atMs)
  return (MAX_PRIORITY - tonumber(priority)) * PRIORITY_SPAN + tonumber(atMs)
end

-- The legal state transitions (rendered from TaskTransitions.java).
local ALLOWED = {{TRANSITIONS}}
local function canMove(from, to)
  local targets = from and ALLOWED[from]
  return targets ~= nil and targets[to] == true
end

-- Variadic commands in chunks: Lua's unpack() has a stack limit of a few thousand values.
local function callChunked(cmd, key, args)
  local chunk = 4000
  for i = 1, #args, chunk do
    rcall(cmd, key, unpack(args, i, math.min(i + chunk - 1, #args)))
  end
end

-- One stream entry per batch and event type: {type, at, ids, extra field/value pairs, usage
-- field/value pairs (see usageEventFields)}; extra and usage may be nil.
local EVENTS_MAX_LEN = {{EVENTS_MAX_LEN}}
local function emit(eventsKey, eventType, at, ids, extra, usage)
  if #ids == 0 then return end
  local fields = {'type', eventType, 'at', at, 'ids', table.concat(ids, ' ')}
  if extra then
    for _, v in ipairs(extra) do fields[#fields + 1] = v end
  end
  if usage then
    for _, v in ipairs(usage) do fields[#fields + 1] = v end
  end
  rcall('XADD', eventsKey, 'MAXLEN', '~', EVENTS_MAX_LEN, '*', unpack(fields))
end

-- An entry about the queue itself (paused, resumed, configured, a schedule changed): no task
-- ids; extra field/value pairs may follow.
local function emitQueueEvent(eventsKey, eventType, at, ...)
  rcall('XADD', eventsKey, 'MAXLEN', '~', EVENTS_MAX_LEN, '*', 'type', eventType, 'at', at, 'ids', '',
    ...)
end

-- Histogram: one non-cumulative counter per bucket (upper bounds in ms), plus the sum in ms.
-- Counted by bucket index: a bound's name is made once per batch, not once per sample.
local BUCKETS = {{BUCKETS}}
local function observe(histKey, samples)
  if #samples == 0 then return end
  local counts, sum, inf = {}, 0, #BUCKETS + 1
  for _, v in ipairs(samples) do
    if v < 0 then v = 0 end
    local bucket = inf
    for j, le in ipairs(BUCKETS) do
      if v <= le then bucket = j; break end
    end
    counts[bucket] = (counts[bucket] or 0) + 1
    sum = sum + v
  end
  for bucket, c in pairs(counts) do
    rcall('HINCRBY', histKey, bucket == inf and '+Inf' or tostring(BUCKETS[bucket]), c)
  end
  rcall('HINCRBY', histKey, 'sum', sum)
end

-- Token bucket in a hash {tokens, at}: refills at `rate` per second up to `burst`. Takes up to
-- `wanted` tokens but no fewer than `atLeast`; returns how many it took and, if none, the ms
-- until `atLeast` are available.
local function takeTokens(key, rate, burst, now, wanted, atLeast)
  local b = rcall('HMGET', key, 'tokens', 'at')
  local tokens = burst
  if b[1] then
    tokens = math.min(burst, tonumber(b[1]) + (now - tonumber(b[2])) * rate / 1000)
  end
  local taken = math.min(wanted, math.floor(tokens))
  if taken < atLeast then taken = 0 end
  rcall('HSET', key, 'tokens', tostring(tokens - taken), 'at', now)
  rcall('PEXPIRE', key, math.ceil(burst / rate * 1000) + 1000)
  if taken > 0 then return taken, 0 end
  return 0, math.ceil((atLeast - tokens) * 1000 / rate)
end

-- A task that has dependents ended: one outbox entry per child, "<childQueue>/<childId> <id>
-- <outcome> <at>". Java resolves each in the child's queue (a script of its own, since a script
-- touches one queue) and removes the entry after; the upkeep retries what a crash left behind.
local function notifyChildren(taskPrefix, id, outcome, now)
  local children = rcall('SMEMBERS', taskPrefix .. id .. ':children')
  for _, child in ipairs(children) do
    rcall('RPUSH', taskPrefix .. 'outbox', child .. ' ' .. id .. ' ' .. outcome .. ' ' .. now)
  end
end

-- What an attempt used, as the last arguments of an HSET: the fields cpuTimeMicros and
-- allocatedBytes with their values, each left out when its value is '' (not measured).
-- (Multiple results, not a table: this runs once per task.)
local function usageFields(cpuMicros, allocatedBytes)
  if cpuMicros ~= '' and allocatedBytes ~= '' then
    return 'cpuTimeMicros', cpuMicros, 'allocatedBytes', allocatedBytes
  elseif cpuMicros ~= '' then
    return 'cpuTimeMicros', cpuMicros
  elseif allocatedBytes ~= '' then
    return 'allocatedBytes', allocatedBytes
  end
end

-- What the attempts an event ends used, as field/value pairs for emit, so that the history keeps
-- them once the task's hash is gone: cpu and alloc, the CPU microseconds and bytes allocated of
-- each task (the values usageFields takes, '' when not measured) space-separated in the order of
-- the entry's ids, '-' where not measured. Nil when none was measured: those entries stay as
-- small as before. Changes the lists it is given.
local function usageEventFields(cpuMicros, allocatedBytes)
  local measured = false
  for i = 1, #cpuMicros do
    if cpuMicros[i] == '' then cpuMicros[i] = '-' else measured = true end
    if allocatedBytes[i] == '' then allocatedBytes[i] = '-' else measured = true end
  end
  if measured then
    return {'cpu', table.concat(cpuMicros, ' '), 'alloc', table.concat(allocatedBytes, ' ')}
  end
end

-- Ends a running task whose cancellation was requested: CANCELLED, kept for the retention period.
-- usage: the ended attempt's usageEventFields (nil if none). Further arguments are field/value
-- pairs to store too. The caller removes it from the leased set.
local function endCancelled(taskKey, finishedKey, statsKey, eventsKey, id, now, usage, ...)
  rcall('HSET', taskKey, 'state', 'CANCELLED', 'finishedAt', now, ...)
  rcall('ZADD', finishedKey, now, id)
  rcall('HINCRBY', statsKey, 'cancelled', 1)
  emit(eventsKey, 'cancelled', now, {id}, nil, usage)
  if rcall('HGET', taskKey, 'hasChildren') then
    notifyChildren(string.sub(taskKey, 1, #taskKey - #id), id, 'cancelled', now)
  end
end

-- Moves due tasks from the scheduled set to the queue; returns how many moved.
-- Ids whose record is gone (evicted by Redis) are dropped, never run: counted in the stats hash
-- (recordsLost) and told to the stream as a 'lost' event with the reason.
local function dropLost(statsKey, eventsKey, now, ids, reason)
  if #ids == 0 then return end
  rcall('HINCRBY', statsKey, 'recordsLost', #ids)
  emit(eventsKey, 'lost', now, ids, {'reason', reason})
end

local function promoteDue(scheduledKey, queuedKey, taskPrefix, eventsKey, statsKey, now, limit)
  local due = rcall('ZRANGEBYSCORE', scheduledKey, '-inf', now, 'LIMIT', 0, limit)
  if #due == 0 then return 0 end
  local zargs, moved, lost = {}, {}, {}
  for _, id in ipairs(due) do
    local key = taskPrefix .. id
    local t = rcall('HMGET', key, 'state', 'priority', 'queuedAt')
    if not t[1] then
      lost[#lost + 1] = id
    elseif canMove(t[1], 'QUEUED') then
      rcall('HSET', key, 'state', 'QUEUED')
      zargs[#zargs + 1] = queueScore(t[2], t[3])
      zargs[#zargs + 1] = id
      moved[#moved + 1] = id
    end
  end
  callChunked('ZREM', scheduledKey, due)
  if #zargs > 0 then callChunked('ZADD', queuedKey, zargs) end
  emit(eventsKey, 'queued', now, moved)
  dropLost(statsKey, eventsKey, now, lost, 'record gone when due')
  return #moved
end

-- A reply remembered under a request id (see QueueKeys.request): a request resent after a lost
-- reply (Redisson resends EVAL/EVALSHA after a response timeout) answers as the first did and
-- changes nothing more. Scripts return `remembered(requestKey)` first if it is not nil, and
-- return `remember(requestKey, reply)` where they changed something.
local REQUEST_MEMORY_MS = {{REQUEST_MEMORY_MS}}
local function remembered(requestKey)
  local reply = rcall('GET', requestKey)
  if reply then return cjson.decode(reply) end
end
local function remember(requestKey, reply)
  rcall('SET', requestKey, cjson.encode(reply), 'PX', REQUEST_MEMORY_MS)
  return reply
end
