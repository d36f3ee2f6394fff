local rcall = redis.call
--[[
  Stores the latest progress of running tasks (coalesced by the worker, one call per flush).
  KEYS[1] events stream   KEYS[2] task key prefix
  ARGV[1] number of tasks, then 4 values per task: id, lease token, percent (0-100), message
  Returns {0, code1, code2, ...}: 0 stored, -2 lease lost. Safe to run twice: the values are set
  (a second progress event repeats the first).
]]
--@include common

local now = nowMs()
local n = tonumber(ARGV[1])
local out, ids, percents = {0}, {}, {}
for i = 0, n - 1 do
  local b = 2 + i * 4
  local key = KEYS[2] .. ARGV[b]
  local t = rcall('HMGET', key, 'state', 'lease')
  if t[1] == 'RUNNING' and t[2] == ARGV[b + 1] then
    rcall('HSET', key, 'progress', ARGV[b + 2], 'progressMessage', ARGV[b + 3])
    ids[#ids + 1] = ARGV[b]
    percents[#percents + 1] = ARGV[b + 2]
    out[#out + 1] = 0
  else
    out[#out + 1] = -2
  end
end
emit(KEYS[1], 'progress', now, ids, {'percents', table.concat(percents, ' ')})
return out
