package dev.tandem.api.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import dev.tandem.schemas.event.Priority;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class BodyPriorityTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static Priority of(String body) {
        return requested(body).priority();
    }

    private static BodyPriority.Requested requested(String body) {
        return BodyPriority.of(body.getBytes(StandardCharsets.UTF_8), JSON);
    }

    @Test
    void of_readsTheTopLevelFlowToo_noneWhenAbsentNotAStringOrMalformed() {
        assertThat(requested("""
                {"priority":"BULK","flow":"payment-risk","attributes":{"flow":"other"}}"""))
                .isEqualTo(new BodyPriority.Requested(Priority.BULK, "payment-risk"));
        assertThat(requested("{\"attributes\":{\"flow\":\"other\"}}").flow()).isNull();
        assertThat(requested("{\"flow\":7}").flow()).isNull();
        assertThat(requested("{\"flow\":\"payment-risk\",").flow()).as("malformed").isNull();
    }

    @Test
    void of_priorityFirstOrLast_isThatPriority() {
        assertThat(of("""
                {"priority":"BULK","flow":"payment-risk","attributes":{"amount":1}}""")).isEqualTo(Priority.BULK);
        assertThat(of("""
                {"flow":"payment-risk","attributes":{"amount":1,"tags":[1,{"a":2}]},"priority":"CRITICAL"}"""))
                .isEqualTo(Priority.CRITICAL);
    }

    @Test
    void of_priorityInsideANestedObject_doesNotCount() {
        assertThat(of("""
                {"flow":"payment-risk","attributes":{"priority":"CRITICAL","amount":1}}""")).isEqualTo(Priority.STANDARD);
        assertThat(of("""
                {"attributes":{"priority":"CRITICAL"},"list":[{"priority":"CRITICAL"}],"priority":"BULK"}"""))
                .isEqualTo(Priority.BULK);
    }

    @Test
    void of_severalPriorities_isTheLast_asBindingTakesIt() {
        assertThat(of("{\"priority\":\"CRITICAL\",\"priority\":\"BULK\"}")).isEqualTo(Priority.BULK);
    }

    @Test
    void of_absentNullOrUnknownPriority_isStandard() {
        assertThat(of("{\"flow\":\"payment-risk\"}")).isEqualTo(Priority.STANDARD);
        assertThat(of("{\"priority\":null}")).isEqualTo(Priority.STANDARD);
        assertThat(of("{\"priority\":\"URGENT\"}")).isEqualTo(Priority.STANDARD);
        assertThat(of("{\"priority\":\"bulk\"}")).isEqualTo(Priority.STANDARD);
        assertThat(of("{\"priority\":3}")).isEqualTo(Priority.STANDARD);
        assertThat(of("{\"priority\":{\"name\":\"BULK\"}}")).isEqualTo(Priority.STANDARD);
    }

    @Test
    void of_malformedOrNotAnObject_isStandard() {
        assertThat(of("{\"priority\":\"BULK\",")).isEqualTo(Priority.STANDARD);
        assertThat(of("{\"priority\":\"BULK\" \"flow\":1}")).isEqualTo(Priority.STANDARD);
        assertThat(of("[{\"priority\":\"BULK\"}]")).isEqualTo(Priority.STANDARD);
        assertThat(of("\"BULK\"")).isEqualTo(Priority.STANDARD);
        assertThat(of("hi")).isEqualTo(Priority.STANDARD);
        assertThat(of("")).isEqualTo(Priority.STANDARD);
    }
}
