-- Appends events to their entities' velocity logs and renews each log's expiry. Returns, for event i, the length of
-- its entity's log right after its append (reply element i), and, for the last event of each entity in the call,
-- the whole log (reply element n + i; nil for the entity's earlier events): event i's view of the log is the first
-- length-i bytes of it. So events of one entity in one call see each other as separate calls in that order would,
-- and a hot entity's log crosses the wire once per call, not once per event.
-- KEYS[i] the log of event i's entity; ARGV[1] the retention (ms); ARGV[1 + i] event i, 32 bytes (EventLog.java).
-- The caller chooses which events share a call: all of a batch on one server, those of one hash slot in a cluster.
local retention = ARGV[1]
local n = #KEYS
local reply, last = {}, {}
for i = 1, n do
  reply[i] = redis.call('APPEND', KEYS[i], ARGV[i + 1])
  redis.call('PEXPIRE', KEYS[i], retention)
  last[KEYS[i]] = i
end
for i = 1, n do
  if last[KEYS[i]] == i then
    reply[n + i] = redis.call('GET', KEYS[i])
  else
    reply[n + i] = false
  end
end
return reply
