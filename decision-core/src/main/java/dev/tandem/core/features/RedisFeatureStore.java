package dev.tandem.core.features;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.tandem.core.redis.LuaScript;
import dev.tandem.schemas.RedisKeys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.jspecify.annotations.Nullable;

/**
 * Online features in Redis: one hash per entity ({@link RedisKeys#features}), one field per feature, and two
 * metadata fields per feature group ({@link GroupStamp}); read with one HGETALL, written a group at a time by
 * {@code write-group.lua}. Thread-safe over a shared Lettuce connection; stages complete on Lettuce's I/O thread,
 * so callers do their heavy work after awaiting them.
 */
public final class RedisFeatureStore implements FeatureStore {

    private static final LuaScript WRITE_GROUP = LuaScript.load(RedisFeatureStore.class, "write-group.lua");
    private static final String EVENT_TIME = ".event_time";
    private static final String EXPIRES_AT = ".expires_at";
    private static final String FIELDS = ".fields";

    private final RedisAsyncCommands<String, String> redis;
    private final FeatureNames names = new FeatureNames();

    public RedisFeatureStore(RedisAsyncCommands<String, String> redis) {
        this.redis = redis;
    }

    @Override
    public CompletionStage<EntityFeatures> read(String tenant, String entityId) {
        return redis.hgetall(RedisKeys.features(tenant, entityId)).thenApply(fields -> parse(fields, names));
    }

    @Override
    public CompletionStage<List<EntityFeatures>> readAll(String tenant, List<String> entityIds) {
        var reads = entityIds.stream().map(id -> read(tenant, id).toCompletableFuture()).toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                .thenApply(done -> reads.stream().map(CompletableFuture::join).toList());
    }

    @Override
    public CompletionStage<Boolean> write(String tenant, String entityId, FeatureGroupWrite group) {
        var args = new ArrayList<String>(7 + 2 * group.values().size());
        args.add(group.group());
        args.add(Long.toString(group.eventTime().toEpochMilli()));
        args.add(Long.toString(group.expiresAt().toEpochMilli()));
        args.add(RedisKeys.featureUpdates(tenant));
        args.add(entityId);
        args.add(Long.toString(System.currentTimeMillis()));
        args.add(String.join(",", new TreeSet<>(group.values().keySet())));
        group.values().forEach((name, value) -> {
            args.add(name);
            args.add(Double.toString(value));
        });
        CompletionStage<Long> written = WRITE_GROUP.run(redis, ScriptOutputType.INTEGER,
                new String[] { RedisKeys.features(tenant, entityId) }, args.toArray(String[]::new));
        return written.thenApply(result -> result == 1L);
    }

    /** The features in an entity's hash, their names and their groups' names taken from {@code names}. */
    static EntityFeatures parse(Map<String, String> fields, FeatureNames names) {
        if (fields.isEmpty()) {
            return EntityFeatures.unknown();
        }
        var values = new HashMap<String, Double>();
        Map<String, GroupStamp> groups = Map.of();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String name = field.getKey();
            if (name.startsWith("@")) {
                if (name.endsWith(EVENT_TIME)) {
                    groups = stamp(groups, name.substring(1, name.length() - EVENT_TIME.length()), fields, names);
                }
                continue; // metadata, not a feature
            }
            try {
                double value = Double.parseDouble(field.getValue());
                if (Double.isFinite(value)) {
                    values.put(names.canonical(name), value);
                }
            }
            catch (NumberFormatException ignored) {
                // a non-numeric field is not a model feature
            }
        }
        return new EntityFeatures(values, true, groups);
    }

    private static Map<String, GroupStamp> stamp(Map<String, GroupStamp> groups, String group,
            Map<String, String> fields, FeatureNames names) {
        Instant eventTime = millis(fields.get("@" + group + EVENT_TIME));
        if (eventTime == null) {
            return groups;
        }
        var stamped = groups.isEmpty() ? new HashMap<String, GroupStamp>() : groups;
        String listed = fields.get("@" + group + FIELDS);
        stamped.put(names.canonical(group), new GroupStamp(eventTime, millis(fields.get("@" + group + EXPIRES_AT)),
                listed == null || listed.isEmpty() ? Set.of()
                        : Set.copyOf(Arrays.stream(listed.split(",")).map(names::canonical).toList())));
        return stamped;
    }

    private static @Nullable Instant millis(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }
}
