package dev.tandem.modellab;

import static dev.tandem.modellab.AccountSimulator.HOUR;
import static dev.tandem.modellab.AccountSimulator.MINUTE;
import static dev.tandem.modellab.AccountSimulator.SECOND;

import java.util.List;

/**
 * The fraud patterns. Bust-outs and takeovers show in the sync features (a young account, an amount
 * far above the usual one, a risky merchant); bursts, drains and proxies mostly don't, and show in the
 * velocity windows and the IP reputation. Every pattern also leaves some of its payments looking
 * ordinary, so no feature separates the classes perfectly.
 */
final class Attacks {

    static final double TAKEOVER_RATE = 0.02;
    static final double BURST_RATE = 0.010;
    static final double DRAIN_RATE = 0.008;
    static final double PROXY_RATE = 0.008;

    private final Account account;
    private final Sampler s;
    private final Merchants merchants;
    private final List<Payment> payments;

    Attacks(Account account, Sampler sampler, Merchants merchants, List<Payment> payments) {
        this.account = account;
        this.s = sampler;
        this.merchants = merchants;
        this.payments = payments;
    }

    /** Each attack independently, at a uniform time in the period. */
    void maybeAttack(long periodMillis) {
        if (s.chance(TAKEOVER_RATE)) {
            takeover((long) s.uniform(0, periodMillis));
        }
        if (s.chance(BURST_RATE)) {
            burst((long) s.uniform(0, periodMillis));
        }
        if (s.chance(DRAIN_RATE)) {
            drain((long) s.uniform(0, periodMillis));
        }
        if (s.chance(PROXY_RATE)) {
            proxy((long) s.uniform(0, periodMillis));
        }
    }

    /** The fraudster's fresh account cashes out: 2-6 purchases of 4-20 times its usual amount within hours. */
    void bustOut(long start) {
        int count = s.uniformInt(2, 6);
        long t = start;
        for (int i = 0; i < count; i++) {
            int merchant = s.chance(0.6) ? merchants.pickRisky(s) : merchants.pick(s);
            add(t, account.usualAmount() * s.uniform(4, 20), merchant, s.chance(0.5), Pattern.BUST_OUT);
            t += (long) s.exponential(40 * MINUTE);
        }
    }

    private void takeover(long start) {
        int count = s.uniformInt(1, 3);
        long t = start;
        for (int i = 0; i < count; i++) {
            int merchant = s.chance(0.5) ? merchants.pickRisky(s) : merchants.pick(s);
            add(t, account.usualAmount() * s.uniform(3, 12), merchant, s.chance(0.7), Pattern.TAKEOVER);
            t += (long) s.exponential(30 * MINUTE);
        }
    }

    private void burst(long start) {
        int count = s.uniformInt(3, 14);
        boolean fraudIp = s.chance(0.6);
        long t = start;
        for (int i = 0; i < count; i++) {
            add(t, ordinaryAmount(), merchants.pick(s), fraudIp, Pattern.BURST);
            t += (long) s.uniform(2 * SECOND, 25 * SECOND);
        }
        if (s.chance(0.5)) { // the cash-out
            t += (long) s.uniform(2 * MINUTE, 15 * MINUTE);
            int merchant = s.chance(0.5) ? merchants.pickRisky(s) : merchants.pick(s);
            add(t, account.usualAmount() * s.uniform(2, 5), merchant, fraudIp, Pattern.BURST);
        }
    }

    private void drain(long start) {
        int count = s.uniformInt(5, 12);
        long t = start;
        for (int i = 0; i < count; i++) {
            add(t, account.usualAmount() * s.uniform(1.0, 2.5), merchants.pick(s), s.chance(0.4), Pattern.DRAIN);
            t += 2 * MINUTE + (long) s.exponential(50 * MINUTE);
        }
    }

    private void proxy(long start) {
        int count = s.uniformInt(1, 2);
        long t = start;
        for (int i = 0; i < count; i++) {
            payments.add(new Payment(t, account.usualAmount() * s.uniform(0.8, 2.5), merchants.pick(s),
                    s.beta(6, 2), Pattern.PROXY));
            t += (long) s.uniform(HOUR, 6 * HOUR);
        }
    }

    private void add(long time, double amount, int merchant, boolean fraudIp, Pattern pattern) {
        double ip = fraudIp ? s.beta(5, 2) : AccountSimulator.clamp(account.homeIpRisk() + 0.02 * s.gaussian());
        payments.add(new Payment(time, amount, merchant, ip, pattern));
    }

    private double ordinaryAmount() {
        return Math.max(1, account.usualAmount() * s.logNormal(1, 0.55));
    }
}
