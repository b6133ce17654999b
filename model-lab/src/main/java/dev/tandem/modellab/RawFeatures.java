package dev.tandem.modellab;

import java.util.List;

/** Names of the raw features, as the serving side has them: sync at decision time, enrichment later. */
final class RawFeatures {

    static final String AMOUNT = "amount";
    static final String ACCOUNT_AGE_DAYS = "account_age_days";
    static final String AVG_AMOUNT = "avg_amount";
    static final String CHARGEBACKS_90D = "chargebacks_90d";
    static final String TXN_COUNT_30D = "txn_count_30d";
    static final String MERCHANT_RISK = "merchant_risk";

    static final String VELOCITY_COUNT_1M = "velocity_count_1m";
    static final String VELOCITY_SUM_1M = "velocity_sum_1m";
    static final String VELOCITY_COUNT_1H = "velocity_count_1h";
    static final String VELOCITY_SUM_1H = "velocity_sum_1h";
    static final String VELOCITY_COUNT_24H = "velocity_count_24h";
    static final String VELOCITY_SUM_24H = "velocity_sum_24h";
    static final String IP_RISK = "ip_risk";

    static final List<String> SYNC = List.of(AMOUNT, ACCOUNT_AGE_DAYS, AVG_AMOUNT, CHARGEBACKS_90D, TXN_COUNT_30D,
            MERCHANT_RISK);
    static final List<String> ENRICHMENT = List.of(VELOCITY_COUNT_1M, VELOCITY_SUM_1M, VELOCITY_COUNT_1H,
            VELOCITY_SUM_1H, VELOCITY_COUNT_24H, VELOCITY_SUM_24H, IP_RISK);

    private RawFeatures() {
    }
}
