-- Records one event of an entity and returns its window aggregates ending at that event's time.
-- KEYS[1] the entity's velocity sorted set (score = event time in ms, member = decisionId|amount)
-- ARGV[1] decision id; ARGV[2] event time (ms); ARGV[3] amount; ARGV[4] retention (ms); ARGV[5] now (ms)
-- Idempotent: the same decision recorded twice is one member. Windows are half-open (t - w, t],
-- so an older event delivered late is aggregated over its own past only.
-- Returns {count_1m, sum_1m, count_1h, sum_1h, count_24h, sum_24h}; sums as strings (Lua numbers
-- would be truncated to integers in the reply).
local t = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], 'NX', t, ARGV[1] .. '|' .. ARGV[3])
local entries = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (t - 86400000), t, 'WITHSCORES')
local c1m, s1m, c1h, s1h, c24, s24 = 0, 0, 0, 0, 0, 0
for i = 1, #entries, 2 do
  local amount = tonumber(string.match(entries[i], '|([^|]*)$')) or 0
  local ts = tonumber(entries[i + 1])
  c24 = c24 + 1
  s24 = s24 + amount
  if ts > t - 3600000 then
    c1h = c1h + 1
    s1h = s1h + amount
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
return { c1m, tostring(s1m), c1h, tostring(s1h), c24, tostring(s24) }
