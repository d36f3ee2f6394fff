local rcall = redis.call
--[[
  Changes the priority of a task that has not started. A queued task keeps its place among tasks
  of its new priority (by the time it was queued); "next" puts it ahead of every queued task.
  KEYS[1] queued zset   KEYS[2] events stream   KEYS[3] task key prefix   KEYS[4] config hash
  ARGV[1] task id   ARGV[2] new priority   ARGV[3] "next" to run it next, else ""
  Returns {0}. Errors: {-1} task not found, {-3, state} illegal transition (it started or
  ended), {-5} queue not registered.
]]
--@include common

if rcall('EXISTS', KEYS[4]) == 0 then return {-5} end
local id = ARGV[1]
local key = KEYS[3] .. id
local t = rcall('HMGET', key, 'state', 'queuedAt')
if not t[1] then return {-1} end
if t[1] ~= 'QUEUED' and t[1] ~= 'SCHEDULED' and t[1] ~= 'WAITING' then return {-3, t[1]} end
local priority = tonumber(ARGV[2])
rcall('HSET', key, 'priority', priority)
if t[1] == 'QUEUED' then
  local score = queueScore(priority, t[2])
  if ARGV[3] == 'next' then
    local first = rcall('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
    if first[1] and first[1] ~= id and tonumber(first[2]) <= score then
      score = tonumber(first[2]) - 1
    end
  end
  rcall('ZADD', KEYS[1], score, id)
end
emit(KEYS[2], 'reprioritized', nowMs(), {id}, {'priority', priority})
return {0}
