local rcall = redis.call
--[[
  Replays dead-lettered tasks: each goes back to the queue with a fresh set of attempts; its last
  error stays on the record until the next attempt ends.
  KEYS[1] dead zset   KEYS[2] queued zset   KEYS[3] stats hash   KEYS[4] events stream
  KEYS[5] task key prefix   KEYS[6] config hash
  ARGV[1] wake-up channel   ARGV[2] "ids" or "all"   ARGV[3] limit for "all"   ARGV[4..] ids
  Returns {0, replayed id, ...}: ids that were not dead-lettered are skipped.
  Errors: {-5} queue not registered.
]]
--@include common

if rcall('EXISTS', KEYS[6]) == 0 then return {-5} end
local now = nowMs()
local candidates = {}
if ARGV[2] == 'all' then
  candidates = rcall('ZRANGE', KEYS[1], 0, tonumber(ARGV[3]) - 1)
else
  for i = 4, #ARGV do candidates[#candidates + 1] = ARGV[i] end
end
local out, ids = {0}, {}
for _, id in ipairs(candidates) do
  local key = KEYS[5] .. id
  local t = rcall('HMGET', key, 'state', 'priority')
  if rcall('ZSCORE', KEYS[1], id) and canMove(t[1], 'QUEUED') then
    rcall('HSET', key, 'state', 'QUEUED', 'attempts', 0, 'queuedAt', now)
    rcall('HDEL', key, 'finishedAt', 'progress', 'progressMessage')
    rcall('ZADD', KEYS[2], queueScore(t[2], now), id)
    ids[#ids + 1] = id
    out[#out + 1] = id
  end
end
if #ids > 0 then
  callChunked('ZREM', KEYS[1], ids)
  rcall('HINCRBY', KEYS[3], 'replayed', #ids)
  emit(KEYS[4], 'replayed', now, ids)
  rcall('PUBLISH', ARGV[1], 'queued')
end
return out
