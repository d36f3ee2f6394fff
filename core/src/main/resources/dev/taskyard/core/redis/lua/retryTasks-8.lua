local rcall = redis.call
--[[
  Runs ended tasks again: FAILED or EXPIRED ones (the dead letters) and CANCELLED ones go back to
  the queue with a fresh set of attempts, as many as the task was first given. Attempt numbers go
  on counting, so a lease (task id and attempt) is never issued twice and a stale worker's late
  outcome can never land on the new run (leases are named by their token, the claim id, anyway). The last error stays on the record until the next
  attempt ends; the event stream keeps the history of earlier attempts.
  KEYS[1] dead zset   KEYS[2] queued zset   KEYS[3] stats hash   KEYS[4] events stream
  KEYS[5] task key prefix   KEYS[6] config hash   KEYS[7] finished zset
  KEYS[8] request key (QueueKeys.request)
  ARGV[1] wake-up channel
  ARGV[2] which tasks: "ids" (ARGV[4..], any ended but succeeded), "dead-ids" (ARGV[4..], only
          dead letters) or "dead" (the ARGV[3] oldest dead letters)
  Returns {0, code1, ...} as id and code pairs, one per candidate: 0 retried, -1 task not found,
  -3 illegal transition (not ended, succeeded, or for "dead-ids" not a dead letter).
  Run again with the same request (a resend after a lost reply), it answers as the first run did
  and changes nothing more: the reply is remembered under the request key.
  Errors: {-5} queue not registered.
]]
--@include common

if rcall('EXISTS', KEYS[6]) == 0 then return {-5} end
local earlier = remembered(KEYS[8])
if earlier then return earlier end
local now = nowMs()
local mode = ARGV[2]
local candidates = {}
if mode == 'dead' then
  candidates = rcall('ZRANGE', KEYS[1], 0, tonumber(ARGV[3]) - 1)
else
  for i = 4, #ARGV do candidates[#candidates + 1] = ARGV[i] end
end
local out, ids = {0}, {}
for _, id in ipairs(candidates) do
  local key = KEYS[5] .. id
  local t = rcall('HMGET', key, 'state', 'priority', 'attempts', 'maxAttempts', 'attemptBudget')
  local allowed = t[1] == 'FAILED' or t[1] == 'EXPIRED'
    or (t[1] == 'CANCELLED' and mode == 'ids')
  out[#out + 1] = id
  if not t[1] then
    out[#out + 1] = -1
  elseif allowed and canMove(t[1], 'QUEUED') then
    rcall('ZREM', t[1] == 'CANCELLED' and KEYS[7] or KEYS[1], id)
    local budget = tonumber(t[5] or t[4])
    rcall('HSET', key, 'state', 'QUEUED', 'queuedAt', now, 'attemptBudget', budget,
      'maxAttempts', tonumber(t[3]) + budget)
    rcall('HDEL', key, 'finishedAt', 'progress', 'progressMessage', 'cancelRequestedAt')
    rcall('ZADD', KEYS[2], queueScore(t[2], now), id)
    ids[#ids + 1] = id
    out[#out + 1] = 0
  else
    out[#out + 1] = -3
  end
end
if #ids > 0 then
  rcall('HINCRBY', KEYS[3], 'replayed', #ids)
  emit(KEYS[4], 'replayed', now, ids)
  rcall('PUBLISH', ARGV[1], 'queued')
end
return remember(KEYS[8], out)
