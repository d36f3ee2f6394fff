local rcall = redis.call
--[[
  Creates a queue's configuration with defaults where it has none, keeping any value already set.
  KEYS[1] config hash
  ARGV field/value pairs: the defaults
  Returns {0, number of fields created}.
]]
local created = 0
for i = 1, #ARGV, 2 do
  created = created + rcall('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1])
end
return {0, created}
