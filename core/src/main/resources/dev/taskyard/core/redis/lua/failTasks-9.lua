local rcall = redis.call
--[[
  Records failed attempts: each is retried after an exponential backoff with jitter while
  attempts remain and the failure is retryable, otherwise it ends FAILED in the dead-letter set.
  KEYS[1] leased zset     KEYS[2] scheduled zset   KEYS[3] dead zset   KEYS[4] config hash
  KEYS[5] stats hash      KEYS[6] events stream    KEYS[7] duration histogram hash
  KEYS[8] task key prefix   KEYS[9] finished zset
  ARGV[1] number of tasks, then 8 values per task: id, lease token, error message, stack trace,
          retryable (1/0), the jitter draw in [0,1) (Redis scripts cannot draw randomness), the
          CPU time the handler used in microseconds and the bytes it allocated, each "" when not
          measured (stored in the task's hash and carried by its event, for the history)
  Returns {0, code1, at1, code2, at2, ...}: code 1 retry scheduled at `at`, 2 dead-lettered at
  `at`, 3 cancelled (cancellation was requested while it ran), -2 lease lost (nothing changed).
  Run again with the same arguments (a resend after a lost reply), it changes nothing and
  answers the same: a task this lease ended answers by how it ended.
]]
--@include common

local now = nowMs()
local n = tonumber(ARGV[1])
local cfg = rcall('HMGET', KEYS[4], 'backoffBaseMs', 'backoffCapMs', 'backoffJitter')
local base, cap, jitter = tonumber(cfg[1] or 1000), tonumber(cfg[2] or 300000), tonumber(cfg[3] or 0)
local out, leaseGone, durations, retried, dead = {0}, {}, {}, 0, 0
for i = 0, n - 1 do
  local b = 2 + i * 8
  local id, err, stack = ARGV[b], ARGV[b + 2], ARGV[b + 3]
  local key = KEYS[8] .. id
  local t = rcall('HMGET', key, 'state', 'lease', 'maxAttempts', 'startedAt',
    'cancelRequestedAt', 'hasChildren', 'attempts', 'queuedAt', 'finishedAt')
  local cpu, allocated = ARGV[b + 6], ARGV[b + 7]
  local ended = {SCHEDULED = {1, t[8]}, FAILED = {2, t[9]}, CANCELLED = {3, t[9]}}
  if t[1] ~= 'RUNNING' and t[2] == ARGV[b + 1] and ended[t[1]] then
    out[#out + 1] = ended[t[1]][1]; out[#out + 1] = tonumber(ended[t[1]][2])
  elseif t[1] == 'RUNNING' and t[2] == ARGV[b + 1] and t[5] then
    rcall('ZREM', KEYS[1], id)
    endCancelled(key, KEYS[9], KEYS[5], KEYS[6], id, now, usageEventFields({cpu}, {allocated}),
      'error', err, 'stackTrace', stack, usageFields(cpu, allocated))
    out[#out + 1] = 3; out[#out + 1] = now
  elseif t[1] == 'RUNNING' and t[2] == ARGV[b + 1] then
    local attempts = tonumber(t[7])
    leaseGone[#leaseGone + 1] = id
    durations[#durations + 1] = now - tonumber(t[4])
    if ARGV[b + 4] == '1' and attempts < tonumber(t[3]) and canMove(t[1], 'SCHEDULED') then
      local delay = math.min(cap, base * 2 ^ (attempts - 1))
      local at = now + math.floor(delay * (1 - jitter * tonumber(ARGV[b + 5])))
      rcall('HSET', key, 'state', 'SCHEDULED', 'queuedAt', at, 'failedAt', now, 'error', err,
        'stackTrace', stack, usageFields(cpu, allocated))
      rcall('HDEL', key, 'progress', 'progressMessage')
      rcall('ZADD', KEYS[2], at, id)
      emit(KEYS[6], 'retrying', now, {id}, {'error', err, 'runAt', at},
        usageEventFields({cpu}, {allocated}))
      retried = retried + 1
      out[#out + 1] = 1; out[#out + 1] = at
    else
      rcall('HSET', key, 'state', 'FAILED', 'finishedAt', now, 'failedAt', now, 'error', err,
        'stackTrace', stack, usageFields(cpu, allocated))
      rcall('ZADD', KEYS[3], now, id)
      emit(KEYS[6], 'failed', now, {id}, {'error', err}, usageEventFields({cpu}, {allocated}))
      if t[6] then notifyChildren(KEYS[8], id, 'failed', now) end
      dead = dead + 1
      out[#out + 1] = 2; out[#out + 1] = now
    end
  else
    out[#out + 1] = -2; out[#out + 1] = now
  end
end
if #leaseGone > 0 then
  callChunked('ZREM', KEYS[1], leaseGone)
  rcall('HINCRBY', KEYS[5], 'failed', #leaseGone)
  if retried > 0 then rcall('HINCRBY', KEYS[5], 'retried', retried) end
  if dead > 0 then rcall('HINCRBY', KEYS[5], 'deadLettered', dead) end
  observe(KEYS[7], durations)
end
return out
