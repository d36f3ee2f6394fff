local rcall = redis.call
--[[
  Cancels tasks. A queued, scheduled or waiting task is cancelled at once and never starts. A running task
  is asked to stop: the request is stored on the task and published to its worker, which tells
  the handler and, after a grace period, interrupts it; the task ends CANCELLED when the worker
  reports back (or its lease expires), and any late result is discarded.
  KEYS[1] queued zset   KEYS[2] scheduled zset   KEYS[3] finished zset   KEYS[4] stats hash
  KEYS[5] events stream KEYS[6] task key prefix  KEYS[7] config hash   KEYS[8] waiting zset
  KEYS[9] request key (QueueKeys.request)
  ARGV[1] cancel channel (workers listen)   ARGV[2..] task ids
  Returns {0, code1, code2, ...}, one per id: 0 cancelled, 1 cancel requested (it runs),
  -1 task not found, -3 illegal transition (it has ended).
  Run again with the same request (a resend after a lost reply), it answers as the first run did
  and changes nothing more: the reply is remembered under the request key.
  Errors: {-5} queue not registered.
]]
--@include common

if rcall('EXISTS', KEYS[7]) == 0 then return {-5} end
local earlier = remembered(KEYS[9])
if earlier then return earlier end
local now = nowMs()
local out, cancelled, requested = {0}, {}, {}
for i = 2, #ARGV do
  local id = ARGV[i]
  local key = KEYS[6] .. id
  local state = rcall('HGET', key, 'state')
  if not state then
    out[#out + 1] = -1
  elseif state == 'RUNNING' then
    if not rcall('HGET', key, 'cancelRequestedAt') then
      rcall('HSET', key, 'cancelRequestedAt', now)
      rcall('PUBLISH', ARGV[1], id)
      requested[#requested + 1] = id
    end
    out[#out + 1] = 1
  elseif canMove(state, 'CANCELLED') then
    local from = {QUEUED = KEYS[1], SCHEDULED = KEYS[2], WAITING = KEYS[8]}
    rcall('ZREM', from[state], id)
    rcall('DEL', key .. ':deps')
    rcall('HSET', key, 'state', 'CANCELLED', 'finishedAt', now)
    rcall('ZADD', KEYS[3], now, id)
    if rcall('HGET', key, 'hasChildren') then notifyChildren(KEYS[6], id, 'cancelled', now) end
    cancelled[#cancelled + 1] = id
    out[#out + 1] = 0
  else
    out[#out + 1] = -3
  end
end
if #cancelled > 0 then
  rcall('HINCRBY', KEYS[4], 'cancelled', #cancelled)
  emit(KEYS[5], 'cancelled', now, cancelled)
end
emit(KEYS[5], 'cancel-requested', now, requested)
return remember(KEYS[9], out)
