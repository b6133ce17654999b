-- Replaces an outcome if nobody changed it since it was read (optimistic concurrency).
-- KEYS[1] outcome hash; ARGV[1] expected version; ARGV[2] next outcome JSON (its version is
-- expected + 1); ARGV[3] time to live in seconds.
-- Returns APPLIED, CONFLICT or MISSING.
local version = redis.call('HGET', KEYS[1], 'version')
if not version then
  return 'MISSING'
end
if tonumber(version) ~= tonumber(ARGV[1]) then
  return 'CONFLICT'
end
redis.call('HSET', KEYS[1], 'version', tonumber(version) + 1, 'doc', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 'APPLIED'
