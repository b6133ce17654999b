-- Stores an outcome as version 1 unless one with this id exists.
-- KEYS[1] outcome hash; ARGV[1] outcome JSON; ARGV[2] time to live in seconds.
-- Returns nil when created, else the stored JSON.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('HGET', KEYS[1], 'doc')
end
redis.call('HSET', KEYS[1], 'version', 1, 'doc', ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
return false
