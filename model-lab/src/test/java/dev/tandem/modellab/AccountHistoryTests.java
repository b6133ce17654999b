package dev.tandem.modellab;

import static dev.tandem.modellab.AccountSimulator.DAY;
import static dev.tandem.modellab.AccountSimulator.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class AccountHistoryTests {

    private static final long START = 1_000_000L;

    private final Merchants merchants = Merchants.generate(5, new Sampler(new SplittableRandom(1)));
    private final Account account = new Account(7, Account.Kind.CUSTOMER, 100.4, 40, 42.5, 1, 5, 2, 0.05,
            List.of(0));

    private final List<LabelledEvent> events = AccountHistory.events(account, List.of(
            payment(DAY + 60 * SECOND, 30), // given out of order: sorted by time
            payment(DAY / 2, 10), // warm-up: in the windows, not returned
            payment(DAY, 20),
            payment(DAY + 30 * SECOND, 25),
            payment(2 * DAY + DAY / 2, 40)), merchants, START, DAY);

    @Test
    void events_warmUpEventsAreNotReturned_theRestComeInTimeOrder() {
        assertThat(events).extracting(LabelledEvent::timeMillis).containsExactly(START + DAY, START + DAY + 30 * SECOND,
                START + DAY + 60 * SECOND, START + 2 * DAY + DAY / 2);
        assertThat(events).allSatisfy(e -> assertThat(e.entityId()).isEqualTo("e7"));
    }

    @Test
    void velocityWindows_areHalfOpen_andIncludeTheEventItself() {
        LabelledEvent third = events.get(2); // at DAY + 60 s: the event at DAY is exactly one minute older
        assertThat(third.raw()).containsEntry("velocity_count_1m", 2.0).containsEntry("velocity_sum_1m", 55.0)
                .containsEntry("velocity_count_1h", 3.0).containsEntry("velocity_sum_1h", 75.0)
                .containsEntry("velocity_count_24h", 4.0).containsEntry("velocity_sum_24h", 85.0);
        LabelledEvent last = events.get(3); // a day and a half after the others: alone in its windows
        assertThat(last.raw()).containsEntry("velocity_count_1m", 1.0).containsEntry("velocity_count_24h", 1.0)
                .containsEntry("velocity_sum_24h", 40.0);
    }

    @Test
    void syncFeatures_comeFromTheAccount_refreshedAtMidnight() {
        LabelledEvent first = events.get(0);
        assertThat(first.raw()).containsEntry("amount", 20.0).containsEntry("avg_amount", 42.5)
                .containsEntry("chargebacks_90d", 2.0).containsEntry("account_age_days", 101.0)
                .containsEntry("txn_count_30d", 6.0); // 5 before the period + the warm-up event
        assertThat(events.get(3).raw()).containsEntry("txn_count_30d", 9.0).containsEntry("account_age_days", 102.0);
        assertThat(first.raw().get("merchant_risk")).isEqualTo(merchants.risk(0));
    }

    private static Payment payment(long time, double amount) {
        return new Payment(time, amount, 0, 0.05, Pattern.LEGIT);
    }
}
