package dev.tandem.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ReputationTests {

    @Test
    void of_sameIp_givesTheSameReputationEveryTime() {
        assertThat(Reputation.of("198.51.100.7")).isEqualTo(Reputation.of("198.51.100.7"));
        assertThat(Reputation.of("2001:db8::1")).isEqualTo(Reputation.of("2001:db8::1"));
    }

    @Test
    void of_manyIps_scoresFrom0To1_mostlyClean_aFewRisky() {
        var reputations = IntStream.range(0, 4000).mapToObj(i -> Reputation.of("10." + (i / 250) + "." + (i % 250) + ".1"))
                .toList();

        assertThat(reputations).allSatisfy(r -> assertThat(r.riskScore()).isBetween(0.0, 1.0));
        long risky = reputations.stream().filter(r -> r.riskScore() >= 0.6).count();
        long clean = reputations.stream().filter(r -> r.riskScore() <= 0.25).count();
        assertThat(risky + clean).isEqualTo(reputations.size());
        assertThat(risky).isBetween(120L, 280L);
        assertThat(reputations.stream().map(Reputation::riskScore).distinct().count()).isGreaterThan(1000);
        assertThat(reputations).anySatisfy(r -> assertThat(r.proxy()).isTrue())
                .anySatisfy(r -> assertThat(r.countryMismatch()).isTrue());
    }

    @Test
    void of_notAnAddress_isRefusedNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> Reputation.of("not-an-ip"))
                .withMessage("not an IP address: not-an-ip");
        assertThat(Reputation.isAddress("256.1.1.1")).isFalse();
        assertThat(Reputation.isAddress("1.2.3")).isFalse();
        assertThat(Reputation.isAddress("::1")).isTrue();
    }

    @Test
    void toJson_isTheProvidersWireFormat() {
        var reputation = new Reputation("203.0.113.7", 0.8125, true, false);

        assertThat(reputation.toJson())
                .isEqualTo("{\"ip\":\"203.0.113.7\",\"riskScore\":0.8125,\"proxy\":true,\"countryMismatch\":false}");
    }
}
