-- Writes velocity aggregates back into entities' online features, each only when it is the newest the store has,
-- and names each written entity on the channel that tells feature caches to forget it.
-- For aggregate i (1-based): KEYS[i] the entity's online feature hash;
--   ARGV[3+10(i-1)+1] the event time (ms) the aggregates end at, then the eight aggregates (count_1m, sum_1m,
--   count_1h, sum_1h, count_24h, sum_24h, merchants_1h, merchants_24h), then the entity id.
-- ARGV[1] now (ms); ARGV[2] how long written aggregates may be used after their event time (ms); ARGV[3] the channel.
-- The aggregates are the feature group 'velocity' (as write-group.lua of decision-core writes groups: fields
-- '@velocity.event_time', '@velocity.expires_at' and '@velocity.fields'; the hash lives as long as its
-- longest-living group). An older computation never overwrites a newer one: the hash keeps the event time its
-- aggregates end at. The caller chooses which aggregates share a call: all of a batch on one server, those of one
-- hash slot in a cluster.
-- Returns how many were written.
local now, usable, channel = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
local groupFields = 'velocity_count_1h,velocity_count_1m,velocity_count_24h,velocity_merchants_1h,'
  .. 'velocity_merchants_24h,velocity_sum_1h,velocity_sum_1m,velocity_sum_24h'
local written = 0
for i = 1, #KEYS do
  local a = 3 + 10 * (i - 1)
  local features, time = KEYS[i], ARGV[a + 1]
  local t = tonumber(time)
  -- the newest event wins; of two aggregates ending at the same millisecond, the one that counted more events (it
  -- saw the other's event; concurrent workers may write them in either order)
  local stored = redis.call('HMGET', features, '@velocity.event_time', 'velocity_count_24h')
  local storedTime = tonumber(stored[1])
  if storedTime == nil or t > storedTime
      or (t == storedTime and tonumber(ARGV[a + 6]) >= (tonumber(stored[2]) or 0)) then
    -- PTTL: -2 no hash before, -1 a hash without expiry (Redis 6.2 has no PEXPIREAT GT)
    local ttl = redis.call('PTTL', features)
    local expiresAt = string.format('%d', t + usable)
    redis.call('HSET', features, 'velocity_count_1m', ARGV[a + 2], 'velocity_sum_1m', ARGV[a + 3],
      'velocity_count_1h', ARGV[a + 4], 'velocity_sum_1h', ARGV[a + 5], 'velocity_count_24h', ARGV[a + 6],
      'velocity_sum_24h', ARGV[a + 7], 'velocity_merchants_1h', ARGV[a + 8], 'velocity_merchants_24h', ARGV[a + 9],
      '@velocity.event_time', time, '@velocity.expires_at', expiresAt, '@velocity.fields', groupFields)
    if ttl == -2 or (ttl >= 0 and t + usable > now + ttl) then
      redis.call('PEXPIREAT', features, expiresAt)
    end
    redis.call('PUBLISH', channel, ARGV[a + 10])
    written = written + 1
  end
end
return written
