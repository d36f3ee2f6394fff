local rcall = redis.call
--[[
  Lists the worker nodes, live and lost, first dropping from the index those lost longer than
  ARGV[1] ms (their records have expired by then).
  KEYS[1] index of nodes zset (score = when the node stops being live, ms)
  KEYS[2] node record key prefix
  ARGV[1] how long a lost node is kept, in ms
  Returns {0, nowMs, then per node: its id, 1 if live or 0 if lost, the number of values of its
  record, and the record as field/value pairs}.
]]
--@include common

local now = nowMs()
rcall('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]))
local out = {0, now}
local index = rcall('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 1, #index, 2 do
  local id = index[i]
  local record = rcall('HGETALL', KEYS[2] .. id)
  if #record > 0 then
    out[#out + 1] = id
    out[#out + 1] = tonumber(index[i + 1]) > now and 1 or 0
    out[#out + 1] = #record
    for _, v in ipairs(record) do out[#out + 1] = v end
  end
end
return out
