-- Records one event of an entity, returns its window aggregates ending at that event's time, and writes them back
-- into the entity's online features when they are the newest the store has.
-- KEYS[1] the entity's velocity sorted set (score = event time in ms, member = decisionId|amount|merchant)
-- KEYS[2] the entity's online feature hash (same {entity} hash tag, so one cluster slot)
-- ARGV[1] decision id; ARGV[2] event time (ms); ARGV[3] amount; ARGV[4] retention (ms); ARGV[5] now (ms)
-- ARGV[6] merchant id ('' when unknown); ARGV[7] the channel that tells feature caches to forget the entity;
-- ARGV[8] the entity id (the message)
-- Idempotent: the same decision recorded twice is one member. Windows are half-open (t - w, t],
-- so an older event delivered late is aggregated over its own past only, and its aggregates are not written back
-- over those of a newer event (the hash keeps the event time they end at in '@velocity.event_time').
-- Returns {count_1m, sum_1m, count_1h, sum_1h, count_24h, sum_24h, merchants_1h, merchants_24h, written};
-- sums as strings (Lua numbers would be truncated to integers in the reply); written is 1 when written back.
local t = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], 'NX', t, ARGV[1] .. '|' .. ARGV[3] .. '|' .. ARGV[6])
local entries = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (t - 86400000), t, 'WITHSCORES')
local c1m, s1m, c1h, s1h, c24, s24 = 0, 0, 0, 0, 0, 0
local m1h, m24, n1h, n24 = {}, {}, 0, 0
for i = 1, #entries, 2 do
  -- decisionId|amount|merchant (older members have no merchant: decisionId|amount)
  local amountText, merchant = string.match(entries[i], '^[^|]*|([^|]*)|?(.*)$')
  local amount = tonumber(amountText) or 0
  local ts = tonumber(entries[i + 1])
  c24 = c24 + 1
  s24 = s24 + amount
  if merchant ~= nil and merchant ~= '' and not m24[merchant] then
    m24[merchant] = true
    n24 = n24 + 1
  end
  if ts > t - 3600000 then
    c1h = c1h + 1
    s1h = s1h + amount
    if merchant ~= nil and merchant ~= '' and not m1h[merchant] then
      m1h[merchant] = true
      n1h = n1h + 1
    end
  end
  if ts > t - 60000 then
    c1m = c1m + 1
    s1m = s1m + amount
  end
end
-- trim by the worker's clock, not by the newest event: one event stamped in the future must not
-- push every real event out of the window
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (tonumber(ARGV[5]) - tonumber(ARGV[4])))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
local written = 0
local stored = tonumber(redis.call('HGET', KEYS[2], '@velocity.event_time'))
if stored == nil or t >= stored then
  redis.call('HSET', KEYS[2], 'velocity_count_1m', c1m, 'velocity_sum_1m', tostring(s1m),
    'velocity_count_1h', c1h, 'velocity_sum_1h', tostring(s1h), 'velocity_count_24h', c24,
    'velocity_sum_24h', tostring(s24), 'velocity_merchants_1h', n1h, 'velocity_merchants_24h', n24,
    '@velocity.event_time', ARGV[2])
  redis.call('PUBLISH', ARGV[7], ARGV[8])
  written = 1
end
return { c1m, tostring(s1m), c1h, tostring(s1h), c24, tostring(s24), n1h, n24, written }
