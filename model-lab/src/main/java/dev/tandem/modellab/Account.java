package dev.tandem.modellab;

import java.util.List;

/**
 * One entity (a customer account or a fraudster's account) as the generator drew it.
 *
 * @param index position in the world, also the entity id's suffix
 * @param kind customer, new customer or fraudster
 * @param ageDaysAtStart account age at the start of the simulated period
 * @param usualAmount the true median of the customer's purchase amounts, EUR
 * @param knownAvgAmount what the online store knows as {@code avg_amount} (an estimate of usualAmount), EUR
 * @param ratePerDay the customer's purchase rate
 * @param history30d purchases in the 30 days before the simulated period
 * @param chargebacks90d chargebacks in the 90 days before the simulated period
 * @param homeIpRisk the IP reputation of the customer's usual connection
 * @param favourites the merchants the customer usually buys from
 */
record Account(int index, Kind kind, double ageDaysAtStart, double usualAmount, double knownAvgAmount,
        double ratePerDay, int history30d, int chargebacks90d, double homeIpRisk, List<Integer> favourites) {

    enum Kind {
        CUSTOMER, NEW_CUSTOMER, FRAUDSTER
    }

    String entityId() {
        return "e" + index;
    }

    /** Draws an account: 1.5% fraudsters' fresh accounts, 6% new customers, the rest established customers. */
    static Account draw(int index, Sampler s, Merchants merchants) {
        Kind kind = s.chance(0.015) ? Kind.FRAUDSTER : s.chance(0.06) ? Kind.NEW_CUSTOMER : Kind.CUSTOMER;
        double usual = Math.max(2, s.logNormal(45, 0.9));
        double rate = Math.min(12, s.logNormal(0.9, 0.8));
        double age;
        double known;
        int chargebacks;
        switch (kind) {
            case FRAUDSTER -> {
                age = s.uniform(0, 8);
                usual = Math.max(2, s.logNormal(30, 0.5)); // warm-up purchases of modest size
                rate = 0.7;
                known = usual * StrictMath.exp(0.4 * s.gaussian());
                chargebacks = 0;
            }
            case NEW_CUSTOMER -> {
                age = s.uniform(0, 20);
                known = usual * StrictMath.exp(0.4 * s.gaussian()); // estimated from a few purchases
                chargebacks = 0;
            }
            case CUSTOMER -> {
                age = 30 + Math.min(4000, s.logNormal(500, 0.9));
                known = usual * StrictMath.exp(0.15 * s.gaussian());
                chargebacks = s.chance(0.03) ? 1 + s.poisson(1.2) : s.poisson(0.03);
            }
            default -> throw new IllegalStateException("unknown kind " + kind);
        }
        int history = s.poisson(rate * Math.min(30, age));
        double homeIp = Math.min(0.6, s.beta(1, 15));
        int favouriteCount = s.uniformInt(3, 10);
        Integer[] favourites = new Integer[favouriteCount];
        for (int i = 0; i < favouriteCount; i++) {
            favourites[i] = merchants.pick(s);
        }
        return new Account(index, kind, age, usual, known, rate, history, chargebacks, homeIp, List.of(favourites));
    }
}
