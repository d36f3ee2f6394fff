local rcall = redis.call
--[[
  Creates, changes, pauses, resumes or deletes one schedule of a queue.
  KEYS[1] schedules zset (name -> next fire ms, +inf while paused)   KEYS[2] schedule hash
  KEYS[3] config hash   KEYS[4] events stream (gets schedule-created, -updated, -paused, -resumed,
  -deleted with the schedule's name)   KEYS[5] request key (QueueKeys.request)
  ARGV[1] action: create, update, pause, resume or delete   ARGV[2] schedule name
  ARGV[3] next fire ms, computed by the caller from the cron (create, update, resume)
  ARGV[4..] field/value pairs of the definition (create, update): cron, zone, missedFires and the
            task template; an empty value removes the field
  Every change counts up the schedule's revision, so a fire planned before it is refused. An update
  that keeps the cron and zone keeps the planned next fire time (a due fire is not lost); resuming
  a schedule that is not paused changes nothing.
  Returns {0}. Errors: {-5} queue not registered, {-6} schedule exists (create),
  {-7} schedule not found.
  Run again with the same request (a resend after a lost reply), it answers as the first run did
  and changes nothing more: the reply is remembered under the request key.
]]
--@include common

if rcall('EXISTS', KEYS[3]) == 0 then return {-5} end
local earlier = remembered(KEYS[5])
if earlier then return earlier end
local action, name = ARGV[1], ARGV[2]
local cur = rcall('HMGET', KEYS[2], 'paused', 'cron', 'zone')
if action == 'create' then
  if cur[1] then return {-6} end
elseif not cur[1] then
  return {-7}
end
if action == 'delete' then
  rcall('DEL', KEYS[2])
  rcall('ZREM', KEYS[1], name)
  emitQueueEvent(KEYS[4], 'schedule-deleted', nowMs(), 'schedule', name)
  return remember(KEYS[5], {0})
end

local paused = cur[1] == '1'
if action == 'pause' then
  paused = true
elseif action == 'resume' then
  if not paused then return remember(KEYS[5], {0}) end
  paused = false
end
local now = nowMs()
local set, unset, given = {'paused', paused and '1' or '0', 'updatedAt', now}, {}, {}
if action == 'create' then
  set[#set + 1] = 'createdAt'; set[#set + 1] = now
end
for i = 4, #ARGV, 2 do
  given[ARGV[i]] = ARGV[i + 1]
  if ARGV[i + 1] == '' then
    unset[#unset + 1] = ARGV[i]
  else
    set[#set + 1] = ARGV[i]; set[#set + 1] = ARGV[i + 1]
  end
end
if #unset > 0 then rcall('HDEL', KEYS[2], unpack(unset)) end
rcall('HSET', KEYS[2], unpack(set))
rcall('HINCRBY', KEYS[2], 'revision', 1)

local keepsPlan = action == 'update' and given.cron == cur[2] and given.zone == cur[3]
if paused then
  rcall('ZADD', KEYS[1], '+inf', name)
elseif not keepsPlan then
  rcall('ZADD', KEYS[1], ARGV[3], name)
end
local past = {create = 'created', update = 'updated', pause = 'paused', resume = 'resumed'}
emitQueueEvent(KEYS[4], 'schedule-' .. past[action], now, 'schedule', name)
return remember(KEYS[5], {0})
