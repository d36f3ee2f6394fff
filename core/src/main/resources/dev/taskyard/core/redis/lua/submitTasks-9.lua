local rcall = redis.call
--[[
  Submits a batch of tasks to one queue: all of it, or (queue full) none of it.
  KEYS[1] queued zset        KEYS[2] scheduled zset   KEYS[3] config hash   KEYS[4] stats hash
  KEYS[5] events stream      KEYS[6] task key prefix  KEYS[7] idempotency key prefix
  KEYS[8] waiting zset       KEYS[9] finished zset
  ARGV[1] number of tasks    ARGV[2] wake-up channel
  ARGV[3..] 14 values per task: id, type, payload, priority, runAtMs, delayMs, maxAttempts,
            timeoutMs, idempotencyKey, correlationId ("" = queue default / none), then its
            dependencies: every parent as "queue/id" (space-separated), the ids of those not yet
            ended, the id of one that ended without success, and the policy on such a parent
            ("run", or "" to cancel). The caller registered the task with each parent first.
  A task whose parents have not all succeeded waits (WAITING); one whose parent failed or was
  cancelled is created CANCELLED unless its policy is "run".
  Returns {0, id1, created1, id2, created2, ...}: created is 0 where an idempotency key matched
  an earlier task, whose id is returned instead. A call repeated by the client after a lost reply
  (its first new task exists already) changes nothing and returns the same reply.
  Errors: {-4, capacity} queue full, nothing written; {-5} queue not registered.
]]
--@include common

local n = tonumber(ARGV[1])
local F = 14
local cfg = rcall('HMGET', KEYS[3], 'defaultPriority', 'maxAttempts', 'timeoutMs', 'capacity',
  'idempotencyTtlMs')
if not cfg[1] then return {-5} end

-- Pass 1 reads only: resolve idempotency keys, so capacity counts new tasks alone.
local existing, seen, fresh = {}, {}, 0
for i = 0, n - 1 do
  local b = 3 + i * F
  local idem = ARGV[b + 8]
  local prior = nil
  if idem ~= '' then
    prior = seen[idem] or rcall('GET', KEYS[7] .. idem)
    if not prior then seen[idem] = ARGV[b] end
  end
  if prior then existing[i] = prior else fresh = fresh + 1 end
end
-- A task is new unless its idempotency key names another task (a repeated call finds its own).
local function reply()
  local out = {0}
  for i = 0, n - 1 do
    local id = ARGV[3 + i * F]
    out[#out + 1] = existing[i] or id
    out[#out + 1] = (existing[i] == nil or existing[i] == id) and 1 or 0
  end
  return out
end
for i = 0, n - 1 do
  if not existing[i] then
    if rcall('EXISTS', KEYS[6] .. ARGV[3 + i * F]) == 1 then return reply() end
    break
  end
end

local capacity = tonumber(cfg[4])
if capacity > 0 and fresh > 0
    and rcall('ZCARD', KEYS[1]) + rcall('ZCARD', KEYS[2]) + rcall('ZCARD', KEYS[8]) + fresh
      > capacity then
  return {-4, capacity}
end

-- Pass 2 writes.
local now = nowMs()
local queued, scheduled, ids, cancelled = {}, {}, {}, {}
for i = 0, n - 1 do
  local b = 3 + i * F
  if not existing[i] then
    local id = ARGV[b]
    local priority = ARGV[b + 3] ~= '' and ARGV[b + 3] or cfg[1]
    local runAt = now
    if ARGV[b + 4] ~= '' then runAt = tonumber(ARGV[b + 4])
    elseif ARGV[b + 5] ~= '' then runAt = now + tonumber(ARGV[b + 5]) end
    local state = 'QUEUED'
    if runAt > now then state = 'SCHEDULED' else runAt = now end
    local parents, pending, failedParent, policy = ARGV[b + 10], ARGV[b + 11], ARGV[b + 12],
      ARGV[b + 13]
    if failedParent ~= '' and policy ~= 'run' then
      state = 'CANCELLED'
    elseif pending ~= '' then
      state = 'WAITING'
    end
    local fields = {'type', ARGV[b + 1], 'payload', ARGV[b + 2], 'priority', priority,
      'state', state, 'attempts', 0,
      'maxAttempts', ARGV[b + 6] ~= '' and ARGV[b + 6] or cfg[2],
      'timeoutMs', ARGV[b + 7] ~= '' and ARGV[b + 7] or cfg[3],
      'createdAt', now, 'queuedAt', runAt}
    if ARGV[b + 8] ~= '' then
      fields[#fields + 1] = 'idempotencyKey'; fields[#fields + 1] = ARGV[b + 8]
      rcall('SET', KEYS[7] .. ARGV[b + 8], id, 'PX', cfg[5])
    end
    if ARGV[b + 9] ~= '' then
      fields[#fields + 1] = 'correlationId'; fields[#fields + 1] = ARGV[b + 9]
    end
    if parents ~= '' then
      fields[#fields + 1] = 'parents'; fields[#fields + 1] = parents
      if policy ~= '' then
        fields[#fields + 1] = 'onParentFailure'; fields[#fields + 1] = policy
      end
    end
    if state == 'CANCELLED' then
      fields[#fields + 1] = 'finishedAt'; fields[#fields + 1] = now
      fields[#fields + 1] = 'error'
      fields[#fields + 1] = 'Parent ' .. failedParent .. ' did not succeed'
    end
    rcall('HSET', KEYS[6] .. id, unpack(fields))
    if state == 'QUEUED' then
      queued[#queued + 1] = queueScore(priority, runAt); queued[#queued + 1] = id
    elseif state == 'SCHEDULED' then
      scheduled[#scheduled + 1] = runAt; scheduled[#scheduled + 1] = id
    elseif state == 'WAITING' then
      rcall('ZADD', KEYS[8], now, id)
      local waitingOn = {}
      for parent in string.gmatch(pending, '%S+') do waitingOn[#waitingOn + 1] = parent end
      rcall('SADD', KEYS[6] .. id .. ':deps', unpack(waitingOn))
    else
      rcall('ZADD', KEYS[9], now, id)
      cancelled[#cancelled + 1] = id
    end
    ids[#ids + 1] = id
  end
end
if #queued > 0 then
  callChunked('ZADD', KEYS[1], queued)
  rcall('PUBLISH', ARGV[2], 'queued')
end
if #scheduled > 0 then
  callChunked('ZADD', KEYS[2], scheduled)
  -- A waiting worker may sleep until the next due time; this one may be earlier.
  rcall('PUBLISH', ARGV[2], 'scheduled')
end
if #ids > 0 then
  rcall('HINCRBY', KEYS[4], 'enqueued', #ids)
  emit(KEYS[5], 'submitted', now, ids)
end
if #cancelled > 0 then
  rcall('HINCRBY', KEYS[4], 'cancelled', #cancelled)
  emit(KEYS[5], 'cancelled', now, cancelled, {'reason', 'a parent did not succeed'})
end
return reply()
