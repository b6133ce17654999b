-- Writes one feature group of an entity, unless the hash holds the same group computed for a later event time.
-- KEYS[1] the entity's online feature hash
-- ARGV[1] group; ARGV[2] event time (ms); ARGV[3] expires at (ms); ARGV[4] the channel that tells feature caches
-- to forget an entity; ARGV[5] the entity id (the message); ARGV[6] now (ms, the writer's clock);
-- ARGV[7] the group's feature names, comma-separated; ARGV[8..] feature name, value, name, value, ...
-- (Redis 6.2 compatible: no PEXPIREAT GT, which came with 7.0.)
-- The hash lives as long as its longest-living group: a new hash expires with this group, an expiring one is
-- extended, never shortened; a hash without expiry (written without groups) keeps none.
-- Returns 1 when written (and the caches told), 0 when a later computation is already there.
local group = ARGV[1]
local eventField = '@' .. group .. '.event_time'
local stored = tonumber(redis.call('HGET', KEYS[1], eventField))
if stored ~= nil and tonumber(ARGV[2]) < stored then
  return 0
end
local ttl = redis.call('PTTL', KEYS[1])
-- features the group had and no longer has go, so none outlives the group's stamp unlisted
local before = redis.call('HGET', KEYS[1], '@' .. group .. '.fields')
if before then
  local now = {}
  for name in string.gmatch(ARGV[7], '[^,]+') do
    now[name] = true
  end
  for name in string.gmatch(before, '[^,]+') do
    if not now[name] then
      redis.call('HDEL', KEYS[1], name)
    end
  end
end
local fields = { eventField, ARGV[2], '@' .. group .. '.expires_at', ARGV[3], '@' .. group .. '.fields', ARGV[7] }
for i = 8, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
redis.call('HSET', KEYS[1], unpack(fields))
-- PTTL: -2 no hash before, -1 a hash without expiry
if ttl == -2 or (ttl >= 0 and tonumber(ARGV[3]) > tonumber(ARGV[6]) + ttl) then
  redis.call('PEXPIREAT', KEYS[1], ARGV[3])
end
redis.call('PUBLISH', ARGV[4], ARGV[5])
return 1
