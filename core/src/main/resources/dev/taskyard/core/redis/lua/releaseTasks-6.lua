local rcall = redis.call
--[[
  Returns leased tasks to the queue unrun (a worker shutting down gracefully): the attempt is
  not counted and each task gets back its original place in the queue.
  A task whose cancellation was requested ends CANCELLED instead.
  KEYS[1] leased zset   KEYS[2] queued zset   KEYS[3] events stream   KEYS[4] task key prefix
  KEYS[5] finished zset KEYS[6] stats hash
  ARGV[1] number of tasks   ARGV[2] wake-up channel, then 2 values per task: id, lease token
  Returns {0, code1, code2, ...}: 0 released, 1 cancelled, -2 lease lost.
  The lease token, not the attempt (which a release counts back), names the lease: run again
  with the same arguments (a resend after a lost reply), it changes nothing and answers the
  same, even after the task was claimed again.
]]
--@include common

local now = nowMs()
local n = tonumber(ARGV[1])
local out, ids, attempts = {0}, {}, {}
for i = 0, n - 1 do
  local b = 3 + i * 2
  local id = ARGV[b]
  local key = KEYS[4] .. id
  local t = rcall('HMGET', key, 'state', 'lease', 'priority', 'queuedAt', 'cancelRequestedAt',
    'attempts')
  if t[1] ~= 'RUNNING' and t[2] == ARGV[b + 1] then
    out[#out + 1] = ({QUEUED = 0, CANCELLED = 1})[t[1]] or -2
  elseif t[1] == 'RUNNING' and t[2] == ARGV[b + 1] and t[5] then
    rcall('ZREM', KEYS[1], id)
    endCancelled(key, KEYS[5], KEYS[6], KEYS[3], id, now)
    out[#out + 1] = 1
  elseif t[1] == 'RUNNING' and t[2] == ARGV[b + 1] and canMove(t[1], 'QUEUED') then
    rcall('HSET', key, 'state', 'QUEUED', 'attempts', tonumber(t[6]) - 1)
    rcall('HDEL', key, 'startedAt', 'workerId', 'progress', 'progressMessage')
    rcall('ZADD', KEYS[2], queueScore(t[3], t[4]), id)
    ids[#ids + 1] = id
    attempts[#ids] = tonumber(t[6]) - 1
    out[#out + 1] = 0
  else
    out[#out + 1] = -2
  end
end
if #ids > 0 then
  callChunked('ZREM', KEYS[1], ids)
  emit(KEYS[3], 'released', now, ids, {'attempts', table.concat(attempts, ' ')})
  rcall('PUBLISH', ARGV[2], 'queued')
end
return out
