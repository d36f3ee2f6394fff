local rcall = redis.call
--[[
  Periodic upkeep of one queue, safe to run from every node at once:
  promotes due scheduled tasks, returns expired leases to the queue (or, with no attempts left,
  ends them EXPIRED in the dead-letter set; or CANCELLED if that was requested), deletes
  finished tasks past their retention and dead letters past their age or beyond their count.
  Each step handles at most ARGV[1] tasks, so one call blocks Redis briefly whatever the backlog;
  the caller calls again while the reply says more is left.
  KEYS[1] queued zset   KEYS[2] scheduled zset   KEYS[3] leased zset   KEYS[4] dead zset
  KEYS[5] finished zset KEYS[6] config hash      KEYS[7] stats hash    KEYS[8] events stream
  KEYS[9] task key prefix
  ARGV[1] most tasks to handle per step   ARGV[2] wake-up channel
  Returns {0, promoted, requeued, expired, trimmed, dead letters trimmed, more (1 when a step
  reached its limit, 0 when all is done)}.
  Errors: {-5} queue not registered.
]]
--@include common

local now = nowMs()
local limit = tonumber(ARGV[1])
local cfg = rcall('HMGET', KEYS[6], 'retentionMs', 'deadMaxAgeMs', 'deadMaxCount')
local retention = cfg[1]
if not retention then return {-5} end

local promoted = promoteDue(KEYS[2], KEYS[1], KEYS[9], KEYS[8], KEYS[7], now, limit)

-- Expired leases: the worker died or stalled. At-least-once: run again while attempts remain.
local requeued, expired, lost = {}, {}, {}
local overdue = rcall('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, limit)
for _, id in ipairs(overdue) do
  local key = KEYS[9] .. id
  local t = rcall('HMGET', key, 'state', 'attempts', 'maxAttempts', 'priority', 'queuedAt',
    'cancelRequestedAt', 'hasChildren')
  if not t[1] then
    lost[#lost + 1] = id
  elseif t[1] ~= 'RUNNING' then
    -- Not running (never expected in the leased set): just drop the stale lease below.
  elseif t[6] then
    endCancelled(key, KEYS[5], KEYS[7], KEYS[8], id, now)
  elseif tonumber(t[2]) < tonumber(t[3]) and canMove(t[1], 'QUEUED') then
    rcall('HSET', key, 'state', 'QUEUED')
    -- Back in its original place: it has waited already.
    rcall('ZADD', KEYS[1], queueScore(t[4], t[5]), id)
    requeued[#requeued + 1] = id
  elseif canMove(t[1], 'EXPIRED') then
    rcall('HSET', key, 'state', 'EXPIRED', 'finishedAt', now,
      'error', 'Lease expired on attempt ' .. t[2] .. ' of ' .. t[3] .. ' and no attempts remain')
    rcall('ZADD', KEYS[4], now, id)
    if t[7] then notifyChildren(KEYS[9], id, 'failed', now) end
    expired[#expired + 1] = id
  end
end
if #overdue > 0 then callChunked('ZREM', KEYS[3], overdue) end
dropLost(KEYS[7], KEYS[8], now, lost, 'record gone when its lease expired')
if #requeued > 0 then
  rcall('HINCRBY', KEYS[7], 'leasesExpired', #requeued)
  emit(KEYS[8], 'requeued', now, requeued, {'reason', 'lease expired'})
end
if #expired > 0 then
  rcall('HINCRBY', KEYS[7], 'leasesExpired', #expired)
  rcall('HINCRBY', KEYS[7], 'deadLettered', #expired)
  emit(KEYS[8], 'expired', now, expired)
end
if promoted + #requeued > 0 then rcall('PUBLISH', ARGV[2], 'queued') end

-- Removes ended tasks' records (UNLINK: a large payload or result is freed off the main thread)
-- and their entries in the set that held them.
local function forget(setKey, ids)
  if #ids == 0 then return end
  local keys = {}
  for _, id in ipairs(ids) do
    local key = KEYS[9] .. id
    keys[#keys + 1] = key
    keys[#keys + 1] = key .. ':children'
  end
  for i = 1, #keys, 4000 do rcall('UNLINK', unpack(keys, i, math.min(i + 3999, #keys))) end
  callChunked('ZREM', setKey, ids)
end

-- Retention of finished tasks.
local old = rcall('ZRANGEBYSCORE', KEYS[5], '-inf', now - tonumber(retention), 'LIMIT', 0, limit)
forget(KEYS[5], old)

-- Retention of dead letters: the oldest go first, those past the age and those beyond the count.
-- A queue registered before these settings existed gets them from the defaults at registration.
local deadOld = 0
if cfg[2] then
  deadOld = rcall('ZCOUNT', KEYS[4], '-inf', now - tonumber(cfg[2]))
end
local maxCount = tonumber(cfg[3] or 0)
if maxCount > 0 then
  deadOld = math.max(deadOld, rcall('ZCARD', KEYS[4]) - maxCount)
end
local dead = {}
if deadOld > 0 then dead = rcall('ZRANGE', KEYS[4], 0, math.min(deadOld, limit) - 1) end
forget(KEYS[4], dead)
if #dead > 0 then rcall('HINCRBY', KEYS[7], 'deadLettersTrimmed', #dead) end

local more = (promoted == limit or #overdue == limit or #old == limit or deadOld > limit) and 1 or 0
return {0, promoted, #requeued, #expired, #old, #dead, more}
