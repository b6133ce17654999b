-- Records a batch of events, each of one entity, in the order given; returns each event's window aggregates ending
-- at its event time, and writes them back into the entity's online features when they are the newest the store has.
-- For event i (1-based):
--   KEYS[2i-1] the entity's velocity sorted set (score = event time in ms, member = decisionId|amount|merchant)
--   KEYS[2i]   the entity's online feature hash (same {entity} hash tag as KEYS[2i-1])
--   ARGV[4+4(i-1)+1..4] decision id, event time (ms), amount, merchant id ('' when unknown)
--   and ARGV[4+4n+i] the entity id (the message that tells feature caches to forget it)
-- ARGV[1] retention (ms); ARGV[2] now (ms); ARGV[3] the channel that tells feature caches to forget an entity;
-- ARGV[4] how long written aggregates may be used after their event time (ms).
-- The aggregates are the feature group 'velocity' (as write-group.lua of decision-core writes groups: fields
-- '@velocity.event_time', '@velocity.expires_at' and '@velocity.fields'; the hash lives as long as its
-- longest-living group).
-- The caller chooses which events share a call: all of a batch on one server, those of one hash slot in a cluster.
-- Idempotent: the same decision recorded twice is one member. Windows are half-open (t - w, t], so an older event
-- delivered late is aggregated over its own past only, and its aggregates are not written back over those of a
-- newer event (the hash keeps the event time they end at in '@velocity.event_time'). Events of one entity in one
-- call see each other as separate calls in that order would.
-- Returns, per event, {count_1m, sum_1m, count_1h, sum_1h, count_24h, sum_24h, merchants_1h, merchants_24h,
-- written}; sums as strings (Lua numbers would be truncated to integers in the reply); written is 1 when written
-- back.
local retention, now, channel, usable = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
local n = #KEYS / 2
-- trim by the worker's clock, not by the newest event: one event stamped in the future must not push every real
-- event out of the window
local oldest = '(' .. (now - retention)

local groupFields = 'velocity_count_1h,velocity_count_1m,velocity_count_24h,velocity_merchants_1h,'
  .. 'velocity_merchants_24h,velocity_sum_1h,velocity_sum_1m,velocity_sum_24h'

local function record(events, features, id, time, amountArg, merchantArg, entity)
  local t = tonumber(time)
  redis.call('ZADD', events, 'NX', t, id .. '|' .. amountArg .. '|' .. merchantArg)
  local entries = redis.call('ZRANGEBYSCORE', events, '(' .. (t - 86400000), t, 'WITHSCORES')
  local c1m, s1m, c1h, s1h, c24, s24 = 0, 0, 0, 0, 0, 0
  local m1h, m24, n1h, n24 = {}, {}, 0, 0
  local hourStart, minuteStart = t - 3600000, t - 60000
  for j = 1, #entries, 2 do
    -- decisionId|amount|merchant (older members have no merchant: decisionId|amount)
    local amountText, merchant = string.match(entries[j], '^[^|]*|([^|]*)|?(.*)$')
    local amount = tonumber(amountText) or 0
    local ts = tonumber(entries[j + 1])
    c24 = c24 + 1
    s24 = s24 + amount
    local known = merchant ~= nil and merchant ~= ''
    if known and not m24[merchant] then
      m24[merchant] = true
      n24 = n24 + 1
    end
    if ts > hourStart then
      c1h = c1h + 1
      s1h = s1h + amount
      if known and not m1h[merchant] then
        m1h[merchant] = true
        n1h = n1h + 1
      end
      if ts > minuteStart then
        c1m = c1m + 1
        s1m = s1m + amount
      end
    end
  end
  redis.call('ZREMRANGEBYSCORE', events, '-inf', oldest)
  redis.call('PEXPIRE', events, ARGV[1])
  local written = 0
  local stored = tonumber(redis.call('HGET', features, '@velocity.event_time'))
  if stored == nil or t >= stored then
    local ttl = redis.call('PTTL', features)
    local expiresAt = string.format('%d', t + usable)
    redis.call('HSET', features, 'velocity_count_1m', c1m, 'velocity_sum_1m', tostring(s1m),
      'velocity_count_1h', c1h, 'velocity_sum_1h', tostring(s1h), 'velocity_count_24h', c24,
      'velocity_sum_24h', tostring(s24), 'velocity_merchants_1h', n1h, 'velocity_merchants_24h', n24,
      '@velocity.event_time', time, '@velocity.expires_at', expiresAt, '@velocity.fields', groupFields)
    -- PTTL: -2 no hash before, -1 a hash without expiry (Redis 6.2 has no PEXPIREAT GT)
    if ttl == -2 or (ttl >= 0 and t + usable > now + ttl) then
      redis.call('PEXPIREAT', features, expiresAt)
    end
    redis.call('PUBLISH', channel, entity)
    written = 1
  end
  return { c1m, tostring(s1m), c1h, tostring(s1h), c24, tostring(s24), n1h, n24, written }
end

local results = {}
for i = 1, n do
  local a = 4 + 4 * (i - 1)
  results[i] = record(KEYS[2 * i - 1], KEYS[2 * i], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4],
    ARGV[4 + 4 * n + i])
end
return results
