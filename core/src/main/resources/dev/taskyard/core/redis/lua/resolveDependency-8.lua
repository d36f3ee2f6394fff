local rcall = redis.call
--[[
  Tells a waiting task that one of its parents ended: when the last one succeeded it is released
  (QUEUED, or SCHEDULED if its run-at is still ahead); when one failed or was cancelled it is
  cancelled too, unless its policy is to run anyway. Idempotent: a parent is taken off the
  task's set once, and a task that is no longer waiting is left alone.
  KEYS[1] waiting zset   KEYS[2] queued zset   KEYS[3] scheduled zset   KEYS[4] finished zset
  KEYS[5] stats hash     KEYS[6] events stream KEYS[7] task key prefix  KEYS[8] config hash
  ARGV[1] task id   ARGV[2] parent id   ARGV[3] outcome: succeeded, failed or cancelled
  ARGV[4] wake-up channel
  Returns {0, result}: 0 applied, 1 nothing to do (done before, or the task no longer waits),
  2 no such task yet (its submit may still be on the way: try again later).
  Errors: {-5} queue not registered.
]]
--@include common

if rcall('EXISTS', KEYS[8]) == 0 then return {-5} end
local id, parent, outcome = ARGV[1], ARGV[2], ARGV[3]
local key = KEYS[7] .. id
local t = rcall('HMGET', key, 'state', 'onParentFailure', 'queuedAt', 'priority', 'hasChildren')
if not t[1] then return {0, 2} end
if t[1] ~= 'WAITING' or rcall('SREM', key .. ':deps', parent) == 0 then return {0, 1} end
local now = nowMs()

if outcome ~= 'succeeded' and t[2] ~= 'run' and canMove(t[1], 'CANCELLED') then
  rcall('DEL', key .. ':deps')
  rcall('ZREM', KEYS[1], id)
  rcall('HSET', key, 'state', 'CANCELLED', 'finishedAt', now,
    'error', 'Parent ' .. parent .. ' ' .. outcome)
  rcall('ZADD', KEYS[4], now, id)
  rcall('HINCRBY', KEYS[5], 'cancelled', 1)
  emit(KEYS[6], 'cancelled', now, {id}, {'reason', 'parent ' .. parent .. ' ' .. outcome})
  if t[5] then notifyChildren(KEYS[7], id, 'cancelled', now) end
  return {0, 0}
end
if rcall('SCARD', key .. ':deps') > 0 then return {0, 0} end

rcall('DEL', key .. ':deps')
rcall('ZREM', KEYS[1], id)
local runAt = tonumber(t[3])
if runAt > now and canMove(t[1], 'SCHEDULED') then
  rcall('HSET', key, 'state', 'SCHEDULED')
  rcall('ZADD', KEYS[3], runAt, id)
else
  rcall('HSET', key, 'state', 'QUEUED', 'queuedAt', now)
  rcall('ZADD', KEYS[2], queueScore(t[4], now), id)
  rcall('PUBLISH', ARGV[4], 'queued')
end
emit(KEYS[6], 'unblocked', now, {id})
return {0, 0}
