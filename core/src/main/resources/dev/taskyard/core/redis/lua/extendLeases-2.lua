local rcall = redis.call
--[[
  Extends the leases of tasks a worker is still running.
  KEYS[1] leased zset   KEYS[2] task key prefix
  ARGV[1] number of tasks, then 3 values per task: id, lease token, lease length in ms
  Returns {0, code1, code2, ...}: 0 extended, 1 extended but cancellation was requested (the
  worker tells the handler), -2 lease lost (reaped or released). Safe to run twice: the deadline
  is set, not added to.
]]
--@include common

local now = nowMs()
local n = tonumber(ARGV[1])
local out, leases = {0}, {}
for i = 0, n - 1 do
  local b = 2 + i * 3
  local t = rcall('HMGET', KEYS[2] .. ARGV[b], 'state', 'lease', 'cancelRequestedAt')
  if t[1] == 'RUNNING' and t[2] == ARGV[b + 1] then
    leases[#leases + 1] = now + tonumber(ARGV[b + 2])
    leases[#leases + 1] = ARGV[b]
    out[#out + 1] = t[3] and 1 or 0
  else
    out[#out + 1] = -2
  end
end
if #leases > 0 then callChunked('ZADD', KEYS[1], leases) end
return out
