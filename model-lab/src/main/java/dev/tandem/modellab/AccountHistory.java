package dev.tandem.modellab;

import static dev.tandem.modellab.AccountSimulator.DAY;
import static dev.tandem.modellab.AccountSimulator.HOUR;
import static dev.tandem.modellab.AccountSimulator.MINUTE;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;

/**
 * Turns one account's payments into events with features, in event-time order, the way the platform
 * would see them: the online store's sync features (refreshed at midnight) and the velocity windows
 * (t - w, t] ending at each event, the event itself included, as the velocity enricher computes them.
 */
final class AccountHistory {

    private AccountHistory() {
    }

    /**
     * @param startEpochMillis the epoch time of the period's start
     * @param observedFromMillis events before this (the warm-up) feed the windows but are not returned
     */
    static List<LabelledEvent> events(Account account, List<Payment> payments, Merchants merchants,
            long startEpochMillis, long observedFromMillis) {
        List<Payment> ordered = new ArrayList<>(payments);
        ordered.sort(Comparator.comparingLong(Payment::timeMillis)); // stable: ties keep their order
        List<LabelledEvent> events = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            Payment p = ordered.get(i);
            if (p.timeMillis() < observedFromMillis) {
                continue;
            }
            var raw = new HashMap<String, Double>();
            raw.put(RawFeatures.AMOUNT, round2(p.amount()));
            raw.put(RawFeatures.ACCOUNT_AGE_DAYS, Math.floor(account.ageDaysAtStart() + p.timeMillis() / (double) DAY));
            raw.put(RawFeatures.AVG_AMOUNT, round2(account.knownAvgAmount()));
            raw.put(RawFeatures.CHARGEBACKS_90D, (double) account.chargebacks90d());
            raw.put(RawFeatures.TXN_COUNT_30D, (double) (account.history30d() + countBeforeMidnight(ordered, i)));
            raw.put(RawFeatures.MERCHANT_RISK, merchants.risk(p.merchant()));
            window(ordered, i, MINUTE, RawFeatures.VELOCITY_COUNT_1M, RawFeatures.VELOCITY_SUM_1M, raw);
            window(ordered, i, HOUR, RawFeatures.VELOCITY_COUNT_1H, RawFeatures.VELOCITY_SUM_1H, raw);
            window(ordered, i, DAY, RawFeatures.VELOCITY_COUNT_24H, RawFeatures.VELOCITY_SUM_24H, raw);
            raw.put(RawFeatures.IP_RISK, p.ipRisk());
            events.add(new LabelledEvent(account.entityId(), startEpochMillis + p.timeMillis(), raw, p.pattern()));
        }
        return events;
    }

    // the store's 30-day count is refreshed once a day: it knows the events before today's midnight
    private static int countBeforeMidnight(List<Payment> ordered, int index) {
        long midnight = ordered.get(index).timeMillis() / DAY * DAY;
        int count = 0;
        for (int j = 0; j < index && ordered.get(j).timeMillis() < midnight; j++) {
            count++;
        }
        return count;
    }

    private static void window(List<Payment> ordered, int index, long width, String countName, String sumName,
            HashMap<String, Double> raw) {
        long t = ordered.get(index).timeMillis();
        int count = 0;
        double sum = 0;
        for (int j = index; j >= 0 && ordered.get(j).timeMillis() > t - width; j--) {
            count++;
            sum += round2(ordered.get(j).amount());
        }
        raw.put(countName, (double) count);
        raw.put(sumName, round2(sum));
    }

    private static double round2(double eur) {
        return Math.round(eur * 100) / 100.0;
    }
}
