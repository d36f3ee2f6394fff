local rcall = redis.call
--[[
  Takes permits from a rate limiter shared by every node: a token bucket that refills at ARGV[1]
  permits per second up to ARGV[2]. All or nothing: a caller asking for more than are left gets
  none, and the wait until enough are there.
  KEYS[1] bucket hash   KEYS[2] request key (QueueKeys.limiterRequest)
  ARGV[1] permits per second   ARGV[2] burst (most permits at once)   ARGV[3] permits wanted
  Returns {0, waitMs}: 0 granted, else how long to wait before asking again.
  A grant is remembered under the request key: run again with the same request (a resend after a
  lost reply), it answers granted and takes no more permits.
]]
--@include common

local earlier = remembered(KEYS[2])
if earlier then return earlier end
local _, wait = takeTokens(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), nowMs(),
  tonumber(ARGV[3]), tonumber(ARGV[3]))
if wait == 0 then return remember(KEYS[2], {0, 0}) end
return {0, wait}
