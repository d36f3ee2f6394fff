local rcall = redis.call
--[[
  Deletes a queue, one bounded step per call: the caller repeats while the reply says more is
  left, so a queue of millions of tasks never blocks Redis for long. The first step pauses the
  queue (claims stop on every node). Each step removes up to ARGV[1] task records (with their
  dependency sets and idempotency keys): ended tasks first, then, only when forced, tasks that
  have not ended, each recorded as a 'cancelled' event (reason 'queue deleted') for the history. The last step, once no task is left and every consumer group of the event
  stream has read and acknowledged all of it (the history is complete), removes the queue's
  schedules and every other key of the queue. Safe to run again: a deleted queue is done.
  KEYS[1] config hash      KEYS[2] queued zset      KEYS[3] scheduled zset  KEYS[4] waiting zset
  KEYS[5] leased zset      KEYS[6] finished zset    KEYS[7] dead zset       KEYS[8] task key prefix
  KEYS[9] events stream    KEYS[10] stats hash      KEYS[11] duration histogram
  KEYS[12] wait histogram  KEYS[13] rate bucket     KEYS[14] outbox list    KEYS[15] schedules zset
  KEYS[16] schedule key prefix                      KEYS[17] idempotency key prefix
  ARGV[1] most task records to remove in this step
  ARGV[2] "1" to delete tasks that have not ended (forced), "0" to refuse while there are any
  Returns {0, more, records removed}: more is 1 while something is left to delete, 0 once the
  queue is deleted (or was already).
  Errors: {-20, queued, scheduled, waiting, running} queue not empty (tasks that have not ended,
  and the delete is not forced: a refused first step changes nothing, a later one gives the queue
  back as it was); {-21} history behind (a consumer group has not yet read and acknowledged the
  whole event stream: try again soon).
]]
--@include common

if rcall('EXISTS', KEYS[1]) == 0 then return {0, 0, 0} end
local limit = tonumber(ARGV[1])
local forced = ARGV[2] == '1'

local live = {rcall('ZCARD', KEYS[2]), rcall('ZCARD', KEYS[3]), rcall('ZCARD', KEYS[4]),
  rcall('ZCARD', KEYS[5])}
if not forced and live[1] + live[2] + live[3] + live[4] > 0 then
  local was = rcall('HGET', KEYS[1], 'pausedBeforeDelete')
  if was then
    -- a task arrived while an unforced delete was under way: give the queue back as it was
    rcall('HSET', KEYS[1], 'paused', was)
    rcall('HDEL', KEYS[1], 'pausedBeforeDelete')
  end
  return {-20, live[1], live[2], live[3], live[4]}
end
if not rcall('HGET', KEYS[1], 'pausedBeforeDelete') then
  rcall('HSET', KEYS[1], 'pausedBeforeDelete', rcall('HGET', KEYS[1], 'paused') or '0', 'paused', '1')
end
local now = nowMs()

local removed = 0
local sets = forced and {6, 7, 2, 3, 4, 5} or {6, 7}
for _, s in ipairs(sets) do
  if removed >= limit then break end
  local ids = rcall('ZRANGE', KEYS[s], 0, limit - removed - 1)
  for _, id in ipairs(ids) do
    local key = KEYS[8] .. id
    local idem = rcall('HGET', key, 'idempotencyKey')
    if idem and rcall('GET', KEYS[17] .. idem) == id then rcall('UNLINK', KEYS[17] .. idem) end
    rcall('UNLINK', key, key .. ':children', key .. ':deps')
    rcall('ZREM', KEYS[s], id)
  end
  if s ~= 6 and s ~= 7 then
    -- tasks that had not ended end here: the history records them cancelled
    emit(KEYS[9], 'cancelled', now, ids, {'reason', 'queue deleted'})
  end
  removed = removed + #ids
end
if removed > 0 then return {0, 1, removed} end

-- No task left. The stream goes last, once every reader of it is done with it.
if rcall('EXISTS', KEYS[9]) == 1 then
  local lastId = nil
  local info = rcall('XINFO', 'STREAM', KEYS[9])
  for i = 1, #info, 2 do
    if info[i] == 'last-generated-id' then lastId = info[i + 1] end
  end
  for _, group in ipairs(rcall('XINFO', 'GROUPS', KEYS[9])) do
    local pending, delivered = 0, nil
    for i = 1, #group, 2 do
      if group[i] == 'pending' then pending = group[i + 1] end
      if group[i] == 'last-delivered-id' then delivered = group[i + 1] end
    end
    if pending > 0 or delivered ~= lastId then return {-21} end
  end
end
for _, name in ipairs(rcall('ZRANGE', KEYS[15], 0, -1)) do rcall('UNLINK', KEYS[16] .. name) end
rcall('UNLINK', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[9], KEYS[10],
  KEYS[11], KEYS[12], KEYS[13], KEYS[14], KEYS[15])
return {0, 0, 0}
