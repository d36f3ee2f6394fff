local rcall = redis.call
--[[
  Records one heartbeat of a worker node: its record is rewritten and lives ARGV[2] ms more, and
  the index lists the node until then. Index entries of nodes that stopped beating are dropped.
  KEYS[1] the node's record hash   KEYS[2] index of live nodes zset (score = record expiry in ms)
  ARGV[1] node id   ARGV[2] time to live in ms   ARGV[3...] the record's field/value pairs
  Returns {0, nowMs}; the record's lastBeat field is nowMs.
]]
--@include common

local now = nowMs()
local ttl = tonumber(ARGV[2])
rcall('HSET', KEYS[1], 'lastBeat', now, unpack(ARGV, 3))
rcall('PEXPIRE', KEYS[1], ttl)
rcall('ZADD', KEYS[2], now + ttl, ARGV[1])
rcall('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
return {0, now}
