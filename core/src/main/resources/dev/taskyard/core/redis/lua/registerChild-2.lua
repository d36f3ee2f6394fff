local rcall = redis.call
--[[
  Registers a task as a dependent (child) of a parent, in the parent's queue, before the child
  is written in its own. The parent's end then notifies the child through the outbox.
  KEYS[1] task key prefix (parent's queue)   KEYS[2] config hash
  ARGV[1] parent id   ARGV[2] child as "queue/id"
  Returns {0, the parent's state}.
  Errors: {-1} task not found (no such parent), {-5} queue not registered.
]]

if rcall('EXISTS', KEYS[2]) == 0 then return {-5} end
local key = KEYS[1] .. ARGV[1]
local state = rcall('HGET', key, 'state')
if not state then return {-1} end
rcall('SADD', key .. ':children', ARGV[2])
rcall('HSET', key, 'hasChildren', 1)
return {0, state}
