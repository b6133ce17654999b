-- Stores an outcome as version 1 unless one with this id exists.
-- KEYS[1] outcome hash; ARGV[1] outcome JSON; ARGV[2] time to live in seconds;
-- ARGV[3] (optional) the outbox entry: the event that announces the decision, kept in field 'outbox' until the
-- decision log has it (the caller indexes it under tandem:outbox:{<bucket>} before this script runs).
-- Returns nil when created, else the stored JSON.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('HGET', KEYS[1], 'doc')
end
if ARGV[3] then
  redis.call('HSET', KEYS[1], 'version', 1, 'doc', ARGV[1], 'outbox', ARGV[3])
else
  redis.call('HSET', KEYS[1], 'version', 1, 'doc', ARGV[1])
end
redis.call('EXPIRE', KEYS[1], ARGV[2])
return false
