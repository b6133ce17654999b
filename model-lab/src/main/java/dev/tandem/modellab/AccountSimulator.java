package dev.tandem.modellab;

import java.util.ArrayList;
import java.util.List;

/**
 * Simulates one account's payments over the whole period: its legitimate behaviour and, with small
 * probabilities, the attacks it suffers. Each attack is a {@link Pattern}; which features can see it
 * follows from how the payments are made, not from the label.
 */
final class AccountSimulator {

    static final long SECOND = 1000;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    private final Account account;
    private final Sampler s;
    private final Merchants merchants;
    private final long periodMillis;
    private final List<Payment> payments = new ArrayList<>();

    AccountSimulator(Account account, Sampler sampler, Merchants merchants, long periodMillis) {
        this.account = account;
        this.s = sampler;
        this.merchants = merchants;
        this.periodMillis = periodMillis;
    }

    List<Payment> simulate() {
        long end = periodMillis;
        if (account.kind() == Account.Kind.FRAUDSTER) {
            long bustOut = (long) s.uniform(DAY / 2.0, periodMillis);
            end = bustOut;
            new Attacks(account, s, merchants, payments).bustOut(bustOut);
        } else {
            new Attacks(account, s, merchants, payments).maybeAttack(periodMillis);
        }
        legitimate(end);
        return payments;
    }

    private void legitimate(long end) {
        double meanGap = DAY / account.ratePerDay();
        for (double t = s.exponential(meanGap); t < end; t += s.exponential(meanGap)) {
            purchase((long) t);
        }
        // shopping sprees: a handful of purchases within an hour or two
        double days = end / (double) DAY;
        int sprees = s.poisson(0.04 * days);
        for (int i = 0; i < sprees; i++) {
            double t = s.uniform(0, end);
            int size = s.uniformInt(3, 7);
            for (int j = 0; j < size && t < end; j++) {
                purchase((long) t);
                t += s.exponential(8 * MINUTE);
            }
        }
    }

    private void purchase(long time) {
        boolean big = s.chance(0.006);
        double amount = big ? account.usualAmount() * s.uniform(2.5, 6) : ordinaryAmount();
        int merchant = big || s.chance(0.2) ? merchants.pick(s) : account.favourites().get(
                s.uniformInt(0, account.favourites().size() - 1));
        Pattern pattern = label();
        Payment payment = new Payment(time, amount, merchant, legitimateIp(), pattern);
        payments.add(payment);
        if (s.chance(0.04)) { // a retry or split payment seconds later
            int retries = s.uniformInt(1, 2);
            long t = time;
            for (int i = 0; i < retries; i++) {
                t += (long) s.uniform(5 * SECOND, 40 * SECOND);
                payments.add(new Payment(t, amount, merchant, payment.ipRisk(), pattern));
            }
        }
    }

    // chargeback abusers dispute some ordinary purchases; a few frauds leave no trace at all
    private Pattern label() {
        double firstParty = Math.min(0.5, 0.07 * account.chargebacks90d());
        if (s.chance(firstParty)) {
            return Pattern.FIRST_PARTY;
        }
        return s.chance(0.0015) ? Pattern.UNEXPLAINED : Pattern.LEGIT;
    }

    private double ordinaryAmount() {
        return Math.max(1, account.usualAmount() * s.logNormal(1, 0.55));
    }

    private double legitimateIp() {
        double u = s.uniform();
        if (u < 0.90) {
            return clamp(account.homeIpRisk() + 0.02 * s.gaussian());
        }
        return u < 0.97 ? s.beta(1.5, 8) : s.beta(4, 3); // mobile networks; travel and VPNs
    }

    static double clamp(double ipRisk) {
        return Math.max(0, Math.min(1, ipRisk));
    }
}
