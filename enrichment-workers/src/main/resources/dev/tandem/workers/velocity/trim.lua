-- Drops the events at the head of an entity's velocity log whose event time is at or before a cutoff, keeping the
-- log's expiry. The log: 32 bytes per event, the first 8 the event time (ms, big-endian signed). Events are
-- appended in arrival order, so the head holds the oldest but for late arrivals; those stay until they reach the
-- head, and the windows skip them by time. Safe beside concurrent appends and trims: it removes only what is past
-- the cutoff when it runs.
-- KEYS[1] the log; ARGV[1] the cutoff (ms). Returns how many events it dropped.
local log = redis.call('GET', KEYS[1])
if not log then
  return 0
end
local cutoff = tonumber(ARGV[1])
local dropped, at = 0, 1
while at + 31 <= #log and struct.unpack('>l', log, at) <= cutoff do
  dropped = dropped + 1
  at = at + 32
end
if at > #log then
  redis.call('DEL', KEYS[1])
elseif dropped > 0 then
  redis.call('SET', KEYS[1], string.sub(log, at), 'KEEPTTL')
end
return dropped
