local rcall = redis.call
--[[
  Changes a queue's settings and records the change in its event stream, in one step.
  KEYS[1] config hash   KEYS[2] events stream
  ARGV[1] event type: queue-configured, queue-paused or queue-resumed
  ARGV[2] wake-up channel to publish on ("" for none)   ARGV[3..] field/value pairs
  Returns {0}.
]]
--@include common

local fields = {}
for i = 3, #ARGV do fields[#fields + 1] = ARGV[i] end
rcall('HSET', KEYS[1], unpack(fields))
emitQueueEvent(KEYS[2], ARGV[1], nowMs())
if ARGV[2] ~= '' then rcall('PUBLISH', ARGV[2], ARGV[1]) end
return {0}
