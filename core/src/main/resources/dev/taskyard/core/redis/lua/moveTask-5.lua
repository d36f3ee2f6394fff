local rcall = redis.call
--[[
  Moves a queued task one place ahead of (ARGV[2] "up") or behind ("down") its neighbour in the
  order tasks are claimed in. The two trade scores, so nothing else moves. Tasks of one priority
  queued in the same millisecond share a score (their order is by id): a move among them takes the
  task one millisecond ahead of (or behind) them all.
  The task keeps its priority: the place holds until the task is reprioritised.
  KEYS[1] queued zset   KEYS[2] events stream   KEYS[3] task key prefix   KEYS[4] config hash
  KEYS[5] request key (QueueKeys.request)
  ARGV[1] task id   ARGV[2] "up" or "down"
  Returns {0, 1} moved, {0, 0} already first (up) or last (down). Errors: {-1} task not found,
  {-3, state} illegal transition (it is not queued), {-5} queue not registered.
  Run again with the same request (a resend after a lost reply), it answers as the first run did
  and moves nothing more: the reply is remembered under the request key.
]]
--@include common

if rcall('EXISTS', KEYS[4]) == 0 then return {-5} end
local earlier = remembered(KEYS[5])
if earlier then return earlier end
local id = ARGV[1]
local state = rcall('HGET', KEYS[3] .. id, 'state')
if not state then return {-1} end
local rank = rcall('ZRANK', KEYS[1], id)
if state ~= 'QUEUED' or not rank then return {-3, state} end
local other = rank - 1
if ARGV[2] == 'down' then other = rank + 1 end
if other < 0 then return remember(KEYS[5], {0, 0}) end
local neighbour = rcall('ZRANGE', KEYS[1], other, other, 'WITHSCORES')
if not neighbour[1] then return remember(KEYS[5], {0, 0}) end
local mine = tonumber(rcall('ZSCORE', KEYS[1], id))
local theirs = tonumber(neighbour[2])
if mine == theirs then
  if ARGV[2] == 'down' then mine = mine + 1 else mine = mine - 1 end
  rcall('ZADD', KEYS[1], mine, id)
else
  rcall('ZADD', KEYS[1], theirs, id, mine, neighbour[1])
end
emit(KEYS[2], 'moved', nowMs(), {id}, {'direction', ARGV[2]})
return remember(KEYS[5], {0, 1})
