package dev.tandem.modellab;

import static dev.tandem.modellab.AccountSimulator.DAY;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of labelled payment events: a world of merchants and accounts simulated over one
 * warm-up day and seven observed days. Accounts are drawn one after the other, each from its own split
 * of the seed's stream, until the observed events reach the requested number of rows. The same seed and
 * rows always give the same events.
 */
final class PaymentGenerator {

    /** Name and version of the generative process, written into model cards. */
    static final String NAME = "tandem-payments-v1";
    static final int MERCHANTS = 300;
    static final int OBSERVED_DAYS = 7;
    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    private PaymentGenerator() {
    }

    /**
     * @param seed the seed of every random draw
     * @param rows how many observed events to generate
     */
    static GeneratedData generate(long seed, int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be positive, was " + rows);
        }
        Sampler world = new Sampler(new SplittableRandom(seed));
        Merchants merchants = Merchants.generate(MERCHANTS, world.split());
        long period = (OBSERVED_DAYS + 1) * DAY;
        List<LabelledEvent> events = new ArrayList<>(rows + 64);
        int accounts = 0;
        while (events.size() < rows) {
            Sampler sampler = world.split();
            Account account = Account.draw(accounts++, sampler, merchants);
            List<Payment> payments = new AccountSimulator(account, sampler, merchants, period).simulate();
            List<LabelledEvent> history = AccountHistory.events(account, payments, merchants, START.toEpochMilli(), DAY);
            // the last account may be cut short: its latest events are dropped
            events.addAll(history.subList(0, Math.min(history.size(), rows - events.size())));
        }
        events.sort(Comparator.comparingLong(LabelledEvent::timeMillis));
        return new GeneratedData(seed, events, accounts);
    }

    /** One line for model cards. */
    static String describe(GeneratedData train, GeneratedData validation) {
        return NAME + ": " + train.events().size() + " payments of " + train.accounts() + " accounts at " + MERCHANTS
                + " merchants over " + OBSERVED_DAYS + " days after a warm-up day; patterns bust-out, takeover, "
                + "burst, drain, proxy, first-party, unexplained; metrics on " + validation.events().size()
                + " held-out payments of seed " + validation.seed() + " (docs/models.md)";
    }
}
