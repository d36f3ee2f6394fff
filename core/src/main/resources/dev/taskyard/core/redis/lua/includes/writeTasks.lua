-- Creating tasks, shared by submitTasks and fireSchedule so that a task is written one way only.
-- Inlined after "--@include common" where a script says "--@include writeTasks".
-- k: the queue's keys {queued, scheduled, stats, events, taskPrefix, idemPrefix, wake} and, for
-- tasks with dependencies, {waiting, finished};
-- cfg: the config fields named by TASK_DEFAULTS, read with HMGET (cfg[1] nil = queue not registered).

local TASK_DEFAULTS = {'defaultPriority', 'maxAttempts', 'timeoutMs', 'capacity', 'idempotencyTtlMs'}
local function taskDefaults(configKey)
  return rcall('HMGET', configKey, unpack(TASK_DEFAULTS))
end

-- False when `fresh` more tasks would take the queue past its capacity (0 = unlimited).
local function fitsCapacity(k, cfg, fresh)
  local capacity = tonumber(cfg[4])
  return capacity == 0 or fresh == 0
    or rcall('ZCARD', k.queued) + rcall('ZCARD', k.scheduled)
      + (k.waiting and rcall('ZCARD', k.waiting) or 0) + fresh <= capacity
end

-- Writes new tasks, each a list of 10 strings: id, type, payload, priority, runAtMs, delayMs,
-- maxAttempts, timeoutMs, idempotencyKey, correlationId ("" = queue default / none), and 4 more
-- for a task with dependencies: every parent as "queue/id" (space-separated), the ids of those
-- not yet ended, the id of one that ended without success, and the policy on such a parent
-- ("run", or "" to cancel). A task whose parents have not all succeeded waits (WAITING); one
-- whose parent failed or was cancelled is created CANCELLED unless its policy is "run".
-- Idempotency keys must have been checked by the caller. Returns the ids written.
local function writeTasks(k, cfg, now, tasks)
  local queued, scheduled, ids, cancelled = {}, {}, {}, {}
  -- What history needs about each new task rides on its 'submitted' event, so the archiver
  -- never reads task hashes.
  local types, priorities, states, correlationIds, anyCorrelation = {}, {}, {}, {}, false
  for _, t in ipairs(tasks) do
    local id = t[1]
    local priority = t[4] ~= '' and t[4] or cfg[1]
    local runAt = now
    if t[5] ~= '' then runAt = tonumber(t[5])
    elseif t[6] ~= '' then runAt = now + tonumber(t[6]) end
    local state = 'QUEUED'
    if runAt > now then state = 'SCHEDULED' else runAt = now end
    local parents, pending, failedParent, policy = t[11] or '', t[12] or '', t[13] or '', t[14] or ''
    if failedParent ~= '' and policy ~= 'run' then
      state = 'CANCELLED'
    elseif pending ~= '' then
      state = 'WAITING'
    end
    local fields = {'type', t[2], 'payload', t[3], 'priority', priority,
      'state', state, 'attempts', 0,
      'maxAttempts', t[7] ~= '' and t[7] or cfg[2],
      'timeoutMs', t[8] ~= '' and t[8] or cfg[3],
      'createdAt', now, 'queuedAt', runAt}
    if t[9] ~= '' then
      fields[#fields + 1] = 'idempotencyKey'; fields[#fields + 1] = t[9]
      rcall('SET', k.idemPrefix .. t[9], id, 'PX', cfg[5])
    end
    if t[10] ~= '' then
      fields[#fields + 1] = 'correlationId'; fields[#fields + 1] = t[10]
    end
    if parents ~= '' then
      fields[#fields + 1] = 'parents'; fields[#fields + 1] = parents
      if policy ~= '' then
        fields[#fields + 1] = 'onParentFailure'; fields[#fields + 1] = policy
      end
    end
    if state == 'CANCELLED' then
      fields[#fields + 1] = 'finishedAt'; fields[#fields + 1] = now
      fields[#fields + 1] = 'error'
      fields[#fields + 1] = 'Parent ' .. failedParent .. ' did not succeed'
    end
    rcall('HSET', k.taskPrefix .. id, unpack(fields))
    if state == 'QUEUED' then
      queued[#queued + 1] = queueScore(priority, runAt); queued[#queued + 1] = id
    elseif state == 'SCHEDULED' then
      scheduled[#scheduled + 1] = runAt; scheduled[#scheduled + 1] = id
    elseif state == 'WAITING' then
      rcall('ZADD', k.waiting, now, id)
      local waitingOn = {}
      for parent in string.gmatch(pending, '%S+') do waitingOn[#waitingOn + 1] = parent end
      rcall('SADD', k.taskPrefix .. id .. ':deps', unpack(waitingOn))
    else
      rcall('ZADD', k.finished, now, id)
      cancelled[#cancelled + 1] = id
    end
    ids[#ids + 1] = id
    types[#ids] = t[2]; priorities[#ids] = priority; states[#ids] = state
    correlationIds[#ids] = t[10]
    anyCorrelation = anyCorrelation or t[10] ~= ''
  end
  if #queued > 0 then
    callChunked('ZADD', k.queued, queued)
    rcall('PUBLISH', k.wake, 'queued')
  end
  if #scheduled > 0 then
    callChunked('ZADD', k.scheduled, scheduled)
    -- A waiting worker may sleep until the next due time; this one may be earlier.
    rcall('PUBLISH', k.wake, 'scheduled')
  end
  if #ids > 0 then
    rcall('HINCRBY', k.stats, 'enqueued', #ids)
    local extra = {'types', table.concat(types, ' '), 'priorities', table.concat(priorities, ' '),
      'states', table.concat(states, ' ')}
    if anyCorrelation then
      -- Correlation ids may hold spaces: a JSON array, "" where a task has none.
      extra[#extra + 1] = 'correlationIds'; extra[#extra + 1] = cjson.encode(correlationIds)
    end
    emit(k.events, 'submitted', now, ids, extra)
  end
  if #cancelled > 0 then
    rcall('HINCRBY', k.stats, 'cancelled', #cancelled)
    emit(k.events, 'cancelled', now, cancelled, {'reason', 'a parent did not succeed'})
  end
  return ids
end
