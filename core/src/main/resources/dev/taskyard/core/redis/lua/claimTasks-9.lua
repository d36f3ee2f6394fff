local rcall = redis.call
--[[
  Leases up to ARGV[2] tasks to one worker: highest priority first, FIFO within a priority.
  Due scheduled tasks are promoted first; global concurrency, the rate limit and the paused flag
  are honoured.
  KEYS[1] queued zset   KEYS[2] scheduled zset   KEYS[3] leased zset (score = lease deadline)
  KEYS[4] config hash   KEYS[5] events stream    KEYS[6] wait-time histogram hash
  KEYS[7] task key prefix   KEYS[8] rate-limit bucket hash   KEYS[9] stats hash
  ARGV[1] worker id     ARGV[2] most tasks to lease
  ARGV[3] claim id, unique per claim: the lease token of every task it leases, and the name of
          the claim's record (KEYS[7] .. 'claim:' .. id, kept as long as its longest lease), so
          that the same claim run again (resent after a lost reply) answers with the tasks it
          leased, those still held, and leases nothing more
  ARGV[4] the claim id of this worker's previous claim, whose reply arrived: its record is
          deleted; or ""
  Returns {0, nowMs, next, then 9 values per leased task: id, type, payload, attempt, maxAttempts,
  timeoutMs, priority, correlationId or "", createdAt}. When nothing was leased, next tells an idle
  worker how long it may sleep: the time in ms to claim again (the next due task, or when the
  rate limit allows more), -1 nothing scheduled, -2 at the global concurrency limit (retry soon).
  A queued id whose record is gone (evicted by Redis under memory pressure, or deleted by hand) is
  dropped, counted (recordsLost) and told as a 'lost' event.
  Errors: {-5} queue not registered.
]]
--@include common

local now = nowMs()
local limit = tonumber(ARGV[2])
local claimId, claimKey = ARGV[3], KEYS[7] .. 'claim:' .. ARGV[3]
if ARGV[4] ~= '' then rcall('DEL', KEYS[7] .. 'claim:' .. ARGV[4]) end
local FIELDS = {'state', 'type', 'payload', 'attempts', 'maxAttempts', 'timeoutMs', 'priority',
  'correlationId', 'createdAt', 'queuedAt', 'lease'}
local function addTask(out, id, t, attempt)
  out[#out + 1] = id; out[#out + 1] = t[2]; out[#out + 1] = t[3]; out[#out + 1] = attempt
  out[#out + 1] = t[5]; out[#out + 1] = t[6]; out[#out + 1] = t[7]
  out[#out + 1] = t[8] or ''; out[#out + 1] = t[9]
end

-- The claim's record: its time, then the ids it leased.
local record = rcall('GET', claimKey)
if record then
  local out = {0}
  for word in string.gmatch(record, '%S+') do
    if #out == 1 then
      out[2] = tonumber(word); out[3] = -1
    else
      local t = rcall('HMGET', KEYS[7] .. word, unpack(FIELDS))
      if t[1] == 'RUNNING' and t[11] == claimId then addTask(out, word, t, t[4]) end
    end
  end
  return out
end
local cfg = rcall('HMGET', KEYS[4], 'paused', 'maxConcurrency', 'rateLimit')
if not cfg[2] then return {-5} end
promoteDue(KEYS[2], KEYS[1], KEYS[7], KEYS[5], KEYS[9], now, math.max(limit, 100))

local function idle()
  local nxt = rcall('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  return {0, now, nxt[2] or -1}
end
if cfg[1] == '1' then return idle() end
local maxConcurrency = tonumber(cfg[2])
if maxConcurrency > 0 then
  limit = math.min(limit, maxConcurrency - rcall('ZCARD', KEYS[3]))
  if limit <= 0 then return {0, now, -2} end
end
local rate = tonumber(cfg[3] or 0)
if rate > 0 then
  -- Only tokens for tasks that are there: an idle queue does not drain its bucket.
  limit = math.min(limit, rcall('ZCARD', KEYS[1]))
  if limit == 0 then return idle() end
  local wait
  limit, wait = takeTokens(KEYS[8], rate, math.max(1, rate), now, limit, 1)
  if limit == 0 then return {0, now, now + wait} end
end
local popped = rcall('ZPOPMIN', KEYS[1], limit)
if #popped == 0 then return idle() end

local out, leases, waits, ids, attempts, longest, lost = {0, now, -1}, {}, {}, {}, {}, 0, {}
local nowText, attemptText, deadlines = integerText(now), integerTexts(), {}
for i = 1, #popped, 2 do
  local id = popped[i]
  local key = KEYS[7] .. id
  -- FIELDS but the lease: a queued task holds none.
  local t = rcall('HMGET', key, unpack(FIELDS, 1, 10))
  -- A record that is gone or not QUEUED (never expected) is dropped from the queue, not run.
  if not t[1] then
    lost[#lost + 1] = id
  elseif canMove(t[1], 'RUNNING') then
    local attempt = attemptText(tonumber(t[4]) + 1)
    rcall('HSET', key, 'state', 'RUNNING', 'attempts', attempt, 'startedAt', nowText,
      'workerId', ARGV[1], 'lease', claimId)
    -- Tasks of a queue mostly share one timeout: one deadline text per timeout.
    local deadline = deadlines[t[6]]
    if not deadline then
      local timeout = tonumber(t[6])
      longest = math.max(longest, timeout)
      deadline = integerText(now + timeout)
      deadlines[t[6]] = deadline
    end
    leases[#leases + 1] = deadline
    leases[#leases + 1] = id
    waits[#waits + 1] = now - tonumber(t[10])
    ids[#ids + 1] = id
    attempts[#ids] = attempt
    addTask(out, id, t, attempt)
  end
end
if #leases > 0 then
  callChunked('ZADD', KEYS[3], leases)
  rcall('SET', claimKey, nowText .. ' ' .. table.concat(ids, ' '), 'PX', longest)
end
observe(KEYS[6], waits)
emit(KEYS[5], 'started', now, ids, {'worker', ARGV[1], 'attempts', table.concat(attempts, ' ')})
dropLost(KEYS[9], KEYS[5], now, lost, 'record gone when claimed')
return out
