local rcall = redis.call
--[[
  Undoes registerChild for a child whose submit was refused (queue full, or its idempotency key
  named an earlier task): the parent forgets it, so the parent's end notifies no child that does
  not exist. Safe to run twice.
  KEYS[1] task key prefix (parent's queue)
  ARGV[1] parent id   ARGV[2] child as "queue/id"
  Returns {0}.
]]

local key = KEYS[1] .. ARGV[1]
rcall('SREM', key .. ':children', ARGV[2])
if rcall('EXISTS', key .. ':children') == 0 then rcall('HDEL', key, 'hasChildren') end
return {0}
