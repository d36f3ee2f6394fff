local rcall = redis.call
--[[
  A queue's status in O(number of distinct priorities queued), whatever the queue's length.
  KEYS[1] queued zset   KEYS[2] scheduled zset   KEYS[3] leased zset   KEYS[4] dead zset
  KEYS[5] config hash   KEYS[6] stats hash       KEYS[7] waiting zset
  Returns {0, nowMs, queued, scheduled, running, dead, paused (1/0), oldestQueuedAtMs or -1,
  waiting, then the stats hash as field/value pairs}.
  Errors: {-5} queue not registered.
]]
--@include common

local paused = rcall('HMGET', KEYS[5], 'paused', 'maxConcurrency')
if not paused[2] then return {-5} end
-- The oldest queued task is the first of some priority band: visit the first of each band.
local oldest, from = -1, '-inf'
while true do
  local first = rcall('ZRANGEBYSCORE', KEYS[1], from, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
  if #first == 0 then break end
  local score = tonumber(first[2])
  local band = math.floor(score / PRIORITY_SPAN)
  local at = score - band * PRIORITY_SPAN
  if oldest < 0 or at < oldest then oldest = at end
  from = (band + 1) * PRIORITY_SPAN
end
local out = {0, nowMs(), rcall('ZCARD', KEYS[1]), rcall('ZCARD', KEYS[2]),
  rcall('ZCARD', KEYS[3]), rcall('ZCARD', KEYS[4]), paused[1] == '1' and 1 or 0, oldest,
  rcall('ZCARD', KEYS[7])}
for _, v in ipairs(rcall('HGETALL', KEYS[6])) do out[#out + 1] = v end
return out
