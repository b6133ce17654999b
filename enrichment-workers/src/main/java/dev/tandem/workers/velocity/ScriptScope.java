package dev.tandem.workers.velocity;

import io.lettuce.core.cluster.SlotHash;

/**
 * Which requests of a batch the velocity enricher sends to Redis in the same script calls. Fewer calls make a record
 * cheaper (a command's parsing, reply and socket wake-up are shared), but a Redis Cluster runs a script only when
 * all of its keys share one hash slot.
 */
public enum ScriptScope {

    /** One call per tenant and batch: a single Redis server (or a primary with replicas), where any keys may meet. */
    BATCH {
        @Override
        Object group(String tenant, String key) {
            return tenant;
        }
    },

    /** One call per tenant and hash slot of the entity's keys: what a Redis Cluster needs. */
    SLOT {
        @Override
        Object group(String tenant, String key) {
            return tenant + '\u0000' + SlotHash.getSlot(key);
        }
    };

    /** What the requests that may share a call have in common. */
    abstract Object group(String tenant, String key);
}
