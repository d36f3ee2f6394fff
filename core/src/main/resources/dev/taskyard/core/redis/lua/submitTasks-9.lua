local rcall = redis.call
--[[
  Submits a batch of tasks to one queue: all of it, or (queue full) none of it.
  KEYS[1] queued zset        KEYS[2] scheduled zset   KEYS[3] config hash   KEYS[4] stats hash
  KEYS[5] events stream      KEYS[6] task key prefix  KEYS[7] idempotency key prefix
  KEYS[8] waiting zset       KEYS[9] finished zset
  ARGV[1] number of tasks    ARGV[2] wake-up channel
  ARGV[3..] 14 values per task: id, type, payload, priority, runAtMs, delayMs, maxAttempts,
            timeoutMs, idempotencyKey, correlationId ("" = queue default / none), then its
            dependencies (see writeTasks): every parent, those pending, one that failed, the
            policy. The caller registered the task with each parent first.
  Returns {0, id1, created1, id2, created2, ...}: created is 0 where an idempotency key matched
  an earlier task, whose id is returned instead. A call repeated by the client after a lost reply
  (its first new task exists already) changes nothing and returns the same reply.
  Errors: {-4, capacity} queue full, nothing written; {-5} queue not registered.
]]
--@include common
--@include writeTasks

local n = tonumber(ARGV[1])
local F = 14
local k = {queued = KEYS[1], scheduled = KEYS[2], stats = KEYS[4], events = KEYS[5],
  taskPrefix = KEYS[6], idemPrefix = KEYS[7], wake = ARGV[2], waiting = KEYS[8],
  finished = KEYS[9]}
local cfg = taskDefaults(KEYS[3])
if not cfg[1] then return {-5} end

-- Pass 1 reads only: resolve idempotency keys, so capacity counts new tasks alone.
local existing, seen, fresh = {}, {}, 0
for i = 0, n - 1 do
  local b = 3 + i * F
  local idem = ARGV[b + 8]
  local prior = nil
  if idem ~= '' then
    prior = seen[idem] or rcall('GET', k.idemPrefix .. idem)
    if not prior then seen[idem] = ARGV[b] end
  end
  if prior then existing[i] = prior else fresh = fresh + 1 end
end
-- A task is new unless its idempotency key names another task (a repeated call finds its own).
local function reply()
  local out = {0}
  for i = 0, n - 1 do
    local id = ARGV[3 + i * F]
    out[#out + 1] = existing[i] or id
    out[#out + 1] = (existing[i] == nil or existing[i] == id) and 1 or 0
  end
  return out
end
for i = 0, n - 1 do
  if not existing[i] then
    if rcall('EXISTS', k.taskPrefix .. ARGV[3 + i * F]) == 1 then return reply() end
    break
  end
end

if not fitsCapacity(k, cfg, fresh) then return {-4, tonumber(cfg[4])} end

-- Pass 2 writes.
local tasks = {}
for i = 0, n - 1 do
  if not existing[i] then
    local b = 3 + i * F
    tasks[#tasks + 1] = {unpack(ARGV, b, b + F - 1)}
  end
end
writeTasks(k, cfg, nowMs(), tasks)
return reply()
