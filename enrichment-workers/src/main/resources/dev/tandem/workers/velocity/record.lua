-- Appends events to their entities' velocity logs, renews each log's expiry, and returns each log as it is after
-- its event's append (events of one entity in one call see each other as separate calls in that order would).
-- KEYS[i] the log of event i's entity; ARGV[1] the retention (ms); ARGV[1 + i] event i, 32 bytes (EventLog.java).
-- The caller chooses which events share a call: all of a batch on one server, those of one hash slot in a cluster.
local retention = ARGV[1]
local logs = {}
for i = 1, #KEYS do
  redis.call('APPEND', KEYS[i], ARGV[i + 1])
  redis.call('PEXPIRE', KEYS[i], retention)
  logs[i] = redis.call('GET', KEYS[i])
end
return logs
