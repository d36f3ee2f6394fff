local rcall = redis.call
--[[
  Periodic upkeep of one queue, safe to run from every node at once:
  promotes due scheduled tasks, returns expired leases to the queue (or, with no attempts left,
  ends them EXPIRED in the dead-letter set; or CANCELLED if that was requested), and deletes
  finished tasks past their retention.
  KEYS[1] queued zset   KEYS[2] scheduled zset   KEYS[3] leased zset   KEYS[4] dead zset
  KEYS[5] finished zset KEYS[6] config hash      KEYS[7] stats hash    KEYS[8] events stream
  KEYS[9] task key prefix
  ARGV[1] most tasks to handle per step   ARGV[2] wake-up channel
  Returns {0, promoted, requeued, expired, trimmed}.
  Errors: {-5} queue not registered.
]]
--@include common

local now = nowMs()
local limit = tonumber(ARGV[1])
local retention = rcall('HGET', KEYS[6], 'retentionMs')
if not retention then return {-5} end

local promoted = promoteDue(KEYS[2], KEYS[1], KEYS[9], KEYS[8], now, limit)

-- Expired leases: the worker died or stalled. At-least-once: run again while attempts remain.
local requeued, expired = {}, {}
local overdue = rcall('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, limit)
for _, id in ipairs(overdue) do
  local key = KEYS[9] .. id
  local t = rcall('HMGET', key, 'state', 'attempts', 'maxAttempts', 'priority', 'queuedAt',
    'cancelRequestedAt', 'hasChildren')
  if t[1] ~= 'RUNNING' then
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

-- Retention of finished tasks.
local old = rcall('ZRANGEBYSCORE', KEYS[5], '-inf', now - tonumber(retention), 'LIMIT', 0, limit)
if #old > 0 then
  local keys = {}
  for _, id in ipairs(old) do
    local key = KEYS[9] .. id
    keys[#keys + 1] = key
    keys[#keys + 1] = key .. ':children'
  end
  for i = 1, #keys, 4000 do rcall('DEL', unpack(keys, i, math.min(i + 3999, #keys))) end
  callChunked('ZREM', KEYS[5], old)
end
return {0, promoted, #requeued, #expired, #old}
