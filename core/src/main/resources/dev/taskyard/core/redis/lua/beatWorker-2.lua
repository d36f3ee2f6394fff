local rcall = redis.call
--[[
  Records one heartbeat of a worker node: its record is rewritten, the index lists it as live for
  ARGV[2] ms more, and both are kept ARGV[3] ms longer so that a node that stops beating is listed
  as lost before it is forgotten. Index entries of nodes lost longer than that are dropped.
  Announces the node on channel ARGV[5] (its id as the message) when ARGV[4] is 1 (its load
  changed) or when it was not live before this beat (new, or back after being lost).
  KEYS[1] the node's record hash   KEYS[2] index of nodes zset (score = when it stops being live, ms)
  ARGV[1] node id   ARGV[2] time to live in ms   ARGV[3] how long a lost node is kept, in ms
  ARGV[4] 1 if the node's load changed since its last beat, else 0   ARGV[5] changes channel
  ARGV[6...] the record's field/value pairs
  Returns {0, nowMs}; the record's lastBeat field is nowMs.
]]
--@include common

local now = nowMs()
local ttl = tonumber(ARGV[2])
local retention = tonumber(ARGV[3])
local liveUntil = tonumber(rcall('ZSCORE', KEYS[2], ARGV[1]) or 0)
rcall('HSET', KEYS[1], 'lastBeat', now, unpack(ARGV, 6))
rcall('PEXPIRE', KEYS[1], ttl + retention)
rcall('ZADD', KEYS[2], now + ttl, ARGV[1])
rcall('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - retention)
if ARGV[4] == '1' or liveUntil < now then
  rcall('PUBLISH', ARGV[5], ARGV[1])
end
return {0, now}
