-- Drops the events of an entity's velocity log whose event time is at or before a cutoff, wherever they are (an
-- event stamped in the future may sit ahead of older ones), keeping the log's expiry. The log: 32 bytes per event,
-- the first 8 the event time (ms, big-endian signed). Safe beside concurrent appends and trims: it runs atomically
-- and removes only what is past the cutoff when it runs.
-- KEYS[1] the log; ARGV[1] the cutoff (ms). Returns how many events it dropped.
local log = redis.call('GET', KEYS[1])
if not log then
  return 0
end
local cutoff = tonumber(ARGV[1])
local kept, dropped = {}, 0
for at = 1, #log - 31, 32 do
  if struct.unpack('>i8', log, at) <= cutoff then
    dropped = dropped + 1
  else
    kept[#kept + 1] = string.sub(log, at, at + 31)
  end
end
if dropped == 0 then
  return 0
end
if #kept == 0 then
  redis.call('DEL', KEYS[1])
else
  redis.call('SET', KEYS[1], table.concat(kept), 'KEEPTTL')
end
return dropped
