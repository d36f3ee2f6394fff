local rcall = redis.call
--[[
  Deletes an ended task (SUCCEEDED, FAILED, CANCELLED or EXPIRED) and its record.
  KEYS[1] finished zset   KEYS[2] dead zset   KEYS[3] events stream   KEYS[4] task key prefix
  KEYS[5] config hash   KEYS[6] request key (QueueKeys.request)
  ARGV[1] task id
  Returns {0}. Errors: {-1} task not found, {-3, state} illegal transition (it has not ended),
  {-5} queue not registered.
  Run again with the same request (a resend after a lost reply), it answers as the first run did
  and changes nothing more: the reply is remembered under the request key.
]]
--@include common

if rcall('EXISTS', KEYS[5]) == 0 then return {-5} end
local earlier = remembered(KEYS[6])
if earlier then return earlier end
local id = ARGV[1]
local state = rcall('HGET', KEYS[4] .. id, 'state')
if not state then return {-1} end
if state ~= 'SUCCEEDED' and state ~= 'FAILED' and state ~= 'CANCELLED' and state ~= 'EXPIRED' then
  return {-3, state}
end
rcall('DEL', KEYS[4] .. id, KEYS[4] .. id .. ':children')
rcall('ZREM', KEYS[1], id)
rcall('ZREM', KEYS[2], id)
emit(KEYS[3], 'deleted', nowMs(), {id})
return remember(KEYS[6], {0})
