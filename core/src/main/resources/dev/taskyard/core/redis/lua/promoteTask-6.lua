local rcall = redis.call
--[[
  Makes a scheduled task (run-at in the future or waiting out a retry backoff) run now.
  KEYS[1] scheduled zset   KEYS[2] queued zset   KEYS[3] events stream   KEYS[4] task key prefix
  KEYS[5] config hash   KEYS[6] request key (QueueKeys.request)
  ARGV[1] task id   ARGV[2] wake-up channel
  Returns {0}. Errors: {-1} task not found, {-3, state} illegal transition (it is not
  scheduled), {-5} queue not registered.
  Run again with the same request (a resend after a lost reply), it answers as the first run did
  and changes nothing more: the reply is remembered under the request key.
]]
--@include common

if rcall('EXISTS', KEYS[5]) == 0 then return {-5} end
local earlier = remembered(KEYS[6])
if earlier then return earlier end
local id = ARGV[1]
local key = KEYS[4] .. id
local t = rcall('HMGET', key, 'state', 'priority')
if not t[1] then return {-1} end
if t[1] ~= 'SCHEDULED' or not canMove(t[1], 'QUEUED') then return {-3, t[1]} end
local now = nowMs()
rcall('ZREM', KEYS[1], id)
rcall('HSET', key, 'state', 'QUEUED', 'queuedAt', now)
rcall('ZADD', KEYS[2], queueScore(t[2], now), id)
emit(KEYS[3], 'promoted', now, {id})
rcall('PUBLISH', ARGV[2], 'queued')
return remember(KEYS[6], {0})
