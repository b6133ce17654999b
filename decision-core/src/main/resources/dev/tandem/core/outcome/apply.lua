-- Applies one enricher's result to an outcome at most once, with optimistic concurrency.
-- KEYS[1] outcome hash; ARGV[1] enricher; ARGV[2] expected version; ARGV[3] next outcome JSON
-- (its version is expected + 1); ARGV[4] time to live in seconds.
-- Returns APPLIED, DUPLICATE, CONFLICT or MISSING.
local marker = 'applied:' .. ARGV[1]
if redis.call('HEXISTS', KEYS[1], marker) == 1 then
  return 'DUPLICATE'
end
local version = redis.call('HGET', KEYS[1], 'version')
if not version then
  return 'MISSING'
end
if tonumber(version) ~= tonumber(ARGV[2]) then
  return 'CONFLICT'
end
redis.call('HSET', KEYS[1], 'version', tonumber(version) + 1, 'doc', ARGV[3], marker, '1')
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 'APPLIED'
