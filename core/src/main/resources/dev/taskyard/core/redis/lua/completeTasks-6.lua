local rcall = redis.call
--[[
  Acknowledges successful attempts in a batch.
  KEYS[1] leased zset   KEYS[2] finished zset (score = finish time)   KEYS[3] stats hash
  KEYS[4] events stream KEYS[5] duration histogram hash                KEYS[6] task key prefix
  ARGV[1] number of tasks, then 5 values per task: id, lease token (the claim id), result JSON
          or "", the CPU time the handler used in microseconds and the bytes it allocated, each
          "" when not measured (stored in the task's hash and carried by its event, for the
          history)
  Returns {0, code1, code2, ...}: 0 acknowledged, 1 cancelled (cancellation was requested while
  it ran: the result is discarded), -2 lease lost (reaped or released meanwhile; discarded).
  Run again with the same arguments (a resend after a lost reply), it changes nothing and
  answers the same: a task this lease ended answers by how it ended.
]]
--@include common

local now = nowMs()
local n = tonumber(ARGV[1])
local out, ids, finished, durations, cpus, allocs = {0}, {}, {}, {}, {}, {}
local nowText = integerText(now)
for i = 0, n - 1 do
  local b = 2 + i * 5
  local id = ARGV[b]
  local key = KEYS[6] .. id
  local t = rcall('HMGET', key, 'state', 'lease', 'startedAt', 'cancelRequestedAt', 'hasChildren')
  if t[1] ~= 'RUNNING' and t[2] == ARGV[b + 1] then
    out[#out + 1] = ({SUCCEEDED = 0, CANCELLED = 1})[t[1]] or -2
  elseif t[1] == 'RUNNING' and t[2] == ARGV[b + 1] and t[4] then
    rcall('ZREM', KEYS[1], id)
    endCancelled(key, KEYS[2], KEYS[3], KEYS[4], id, now,
      usageEventFields({ARGV[b + 3]}, {ARGV[b + 4]}), usageFields(ARGV[b + 3], ARGV[b + 4]))
    out[#out + 1] = 1
  elseif t[1] == 'RUNNING' and t[2] == ARGV[b + 1] and canMove(t[1], 'SUCCEEDED') then
    if ARGV[b + 2] ~= '' then
      rcall('HSET', key, 'state', 'SUCCEEDED', 'finishedAt', nowText, 'result', ARGV[b + 2],
        usageFields(ARGV[b + 3], ARGV[b + 4]))
    else
      rcall('HSET', key, 'state', 'SUCCEEDED', 'finishedAt', nowText,
        usageFields(ARGV[b + 3], ARGV[b + 4]))
    end
    if t[5] then notifyChildren(KEYS[6], id, 'succeeded', now) end
    ids[#ids + 1] = id
    finished[#finished + 1] = nowText
    finished[#finished + 1] = id
    durations[#durations + 1] = now - tonumber(t[3])
    cpus[#cpus + 1] = ARGV[b + 3]
    allocs[#allocs + 1] = ARGV[b + 4]
    out[#out + 1] = 0
  else
    out[#out + 1] = -2
  end
end
if #ids > 0 then
  callChunked('ZREM', KEYS[1], ids)
  callChunked('ZADD', KEYS[2], finished)
  rcall('HINCRBY', KEYS[3], 'succeeded', #ids)
  observe(KEYS[5], durations)
  emit(KEYS[4], 'succeeded', now, ids, nil, usageEventFields(cpus, allocs))
end
return out
