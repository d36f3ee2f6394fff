local rcall = redis.call
--[[
  Lists the live worker nodes, first dropping from the index those whose records expired.
  KEYS[1] index of live nodes zset (score = record expiry in ms)   KEYS[2] node record key prefix
  Returns {0, nowMs, then per live node: its id, the number of values of its record, and the
  record as field/value pairs}.
]]
--@include common

local now = nowMs()
rcall('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local out = {0, now}
for _, id in ipairs(rcall('ZRANGE', KEYS[1], 0, -1)) do
  local record = rcall('HGETALL', KEYS[2] .. id)
  if #record > 0 then
    out[#out + 1] = id
    out[#out + 1] = #record
    for _, v in ipairs(record) do out[#out + 1] = v end
  end
end
return out
