package dev.tandem.workers.velocity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.schemas.RedisKeys;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;

class ScriptScopeTests {

    @Test
    void batch_putsEveryEntityOfATenantInOneCall() {
        assertThat(ScriptScope.BATCH.group("t1", RedisKeys.velocity("t1", "a")))
                .isEqualTo(ScriptScope.BATCH.group("t1", RedisKeys.velocity("t1", "b")))
                .isNotEqualTo(ScriptScope.BATCH.group("t2", RedisKeys.velocity("t2", "a")));
    }

    @Test
    void slot_putsOnlyKeysOfOneHashSlotInOneCall() {
        String a = RedisKeys.velocity("t1", "a");
        String b = RedisKeys.velocity("t1", "b");
        assertThat(SlotHash.getSlot(a)).isNotEqualTo(SlotHash.getSlot(b));
        assertThat(SlotHash.getSlot(a)).isEqualTo(SlotHash.getSlot(RedisKeys.features("t1", "a")));

        assertThat(ScriptScope.SLOT.group("t1", a)).isNotEqualTo(ScriptScope.SLOT.group("t1", b))
                .isEqualTo(ScriptScope.SLOT.group("t1", RedisKeys.velocity("t1", "a")))
                .isNotEqualTo(ScriptScope.SLOT.group("t2", RedisKeys.velocity("t2", "a")));
    }
}
