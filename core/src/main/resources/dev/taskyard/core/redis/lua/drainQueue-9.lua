local rcall = redis.call
--[[
  Cancels up to ARGV[1] tasks of a queue that have not started: queued ones first, then scheduled,
  then those waiting for dependencies. The caller repeats until all counts are 0, so a huge queue
  never blocks Redis for long.
  KEYS[1] queued zset   KEYS[2] scheduled zset   KEYS[3] finished zset   KEYS[4] stats hash
  KEYS[5] events stream KEYS[6] task key prefix  KEYS[7] config hash   KEYS[8] waiting zset
  KEYS[9] request key (QueueKeys.request)
  ARGV[1] most tasks to cancel in this step
  Returns {0, queued cancelled, scheduled cancelled, waiting cancelled}.
  Run again with the same request (a resend after a lost reply), it answers as the first run did
  and changes nothing more: the reply is remembered under the request key.
  Errors: {-5} queue not registered.
]]
--@include common

if rcall('EXISTS', KEYS[7]) == 0 then return {-5} end
local earlier = remembered(KEYS[9])
if earlier then return earlier end
local now = nowMs()
local limit = tonumber(ARGV[1])

local function drain(setKey, max)
  if max <= 0 then return 0 end
  local ids = rcall('ZRANGE', setKey, 0, max - 1)
  if #ids == 0 then return 0 end
  local finished = {}
  for _, id in ipairs(ids) do
    local key = KEYS[6] .. id
    rcall('HSET', key, 'state', 'CANCELLED', 'finishedAt', now)
    rcall('DEL', key .. ':deps')
    if rcall('HGET', key, 'hasChildren') then notifyChildren(KEYS[6], id, 'cancelled', now) end
    finished[#finished + 1] = now
    finished[#finished + 1] = id
  end
  callChunked('ZREM', setKey, ids)
  callChunked('ZADD', KEYS[3], finished)
  rcall('HINCRBY', KEYS[4], 'cancelled', #ids)
  emit(KEYS[5], 'cancelled', now, ids, {'reason', 'drained'})
  return #ids
end

local queued = drain(KEYS[1], limit)
local scheduled = drain(KEYS[2], limit - queued)
local waiting = drain(KEYS[8], limit - queued - scheduled)
return remember(KEYS[9], {0, queued, scheduled, waiting})
