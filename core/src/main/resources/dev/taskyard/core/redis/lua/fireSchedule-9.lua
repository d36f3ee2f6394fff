local rcall = redis.call
--[[
  Fires a schedule once: creates its task exactly as submitTasks does (or none, for missed fire
  times its policy skips) and moves the schedule on to its next fire time. Compare-and-set: only
  while the schedule is due by the Redis clock, still at the expected next fire time and at the
  expected revision, so nodes racing for one fire create one task. The fire mark
  "schedule:<name>:<fireMs>" (under its own key prefix, apart from the users' idempotency keys, so
  a user's key never stands for a fire; also the task's idempotencyKey field) dedupes a fire time
  planned again later (within the queue's idempotency TTL).
  KEYS[1] schedules zset   KEYS[2] schedule hash   KEYS[3] queued zset   KEYS[4] scheduled zset
  KEYS[5] config hash      KEYS[6] stats hash      KEYS[7] events stream KEYS[8] task key prefix
  KEYS[9] fire mark key prefix
  ARGV[1] schedule name    ARGV[2] expected next fire ms   ARGV[3] expected revision
  ARGV[4] fire time ms ("" = skip, create no task)   ARGV[5] next fire ms   ARGV[6] new task id
  ARGV[7] wake-up channel
  Returns {0, done, task id or "", created}: done is 0 when nothing changed (another node fired
  first, the schedule changed or is not due); the id is "" for a skip; created is 0 when the id
  names the task an earlier fire of the same time created.
  Errors: {-4, capacity} queue full, nothing written; {-5} queue not registered.
]]
--@include common
--@include writeTasks

local name, fireAt = ARGV[1], ARGV[4]
local k = {queued = KEYS[3], scheduled = KEYS[4], stats = KEYS[6], events = KEYS[7],
  -- writeTasks records the fire mark where it records users' idempotency keys
  taskPrefix = KEYS[8], idemPrefix = KEYS[9], wake = ARGV[7]}
local cfg = taskDefaults(KEYS[5])
if not cfg[1] then return {-5} end
local now = nowMs()
local s = rcall('HMGET', KEYS[2], 'revision', 'type', 'payload', 'priority', 'maxAttempts',
  'timeoutMs', 'correlationId')
local due = rcall('ZSCORE', KEYS[1], name)
if s[1] ~= ARGV[3] or not due or tonumber(due) ~= tonumber(ARGV[2]) or tonumber(due) > now then
  return {0, 0, '', 0}
end

local id, created = '', 0
if fireAt ~= '' then
  local idem = 'schedule:' .. name .. ':' .. fireAt
  id = rcall('GET', k.idemPrefix .. idem)
  if not id then
    created = 1
    if not fitsCapacity(k, cfg, 1) then return {-4, tonumber(cfg[4])} end
    id = ARGV[6]
    local task = {id, s[2], s[3], s[4] or '', '', '', s[5] or '', s[6] or '', idem, s[7] or ''}
    writeTasks(k, cfg, now, {task})
    emit(k.events, 'schedule-fired', now, {id}, {'schedule', name, 'fireAt', fireAt})
  end
  rcall('HSET', KEYS[2], 'lastFireAt', fireAt)
end
rcall('ZADD', KEYS[1], ARGV[5], name)
return {0, 1, id, created}
