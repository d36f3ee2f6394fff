local rcall = redis.call
--[[
  Reads a queue's schedules, with the Redis server's clock (which decides what is due).
  KEYS[1] schedules zset (name -> next fire ms, +inf while paused)   KEYS[2] schedule key prefix
  ARGV[1] which: "due" (up to ARGV[2] due schedules, longest due first), "all", or "names"
          (those named in ARGV[2..] that exist); "due" with ARGV[2] = 0 reads only the clock
  Returns {0, nowMs, next fire ms of the first schedule not due yet or -1, then per schedule:
  name, next fire ms or -1 while paused, n, then the n values of its hash as field/value pairs}.
]]
--@include common

local now = nowMs()
local out = {0, now, -1}
local upcoming = rcall('ZRANGEBYSCORE', KEYS[1], '(' .. now, '(+inf', 'LIMIT', 0, 1, 'WITHSCORES')
if upcoming[2] then out[3] = tonumber(upcoming[2]) end

local scored = {}
if ARGV[1] == 'due' then
  scored = rcall('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]),
    'WITHSCORES')
elseif ARGV[1] == 'all' then
  scored = rcall('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
else
  for i = 2, #ARGV do
    local score = rcall('ZSCORE', KEYS[1], ARGV[i])
    if score then
      scored[#scored + 1] = ARGV[i]; scored[#scored + 1] = score
    end
  end
end
for i = 1, #scored, 2 do
  local next = tonumber(scored[i + 1])
  local hash = rcall('HGETALL', KEYS[2] .. scored[i])
  out[#out + 1] = scored[i]
  out[#out + 1] = (next == nil or next == math.huge) and -1 or next
  out[#out + 1] = #hash
  for _, v in ipairs(hash) do out[#out + 1] = v end
end
return out
