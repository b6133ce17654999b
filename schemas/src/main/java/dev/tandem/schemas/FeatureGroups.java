package dev.tandem.schemas;

/**
 * Names of the feature groups in the online store: the features one writer computes together, stamped with the event
 * time they describe and an expiry (metadata fields {@code @<group>.event_time}, {@code @<group>.expires_at} in the
 * entity's hash). Flows give each group a staleness budget ({@code tandem.flows.<flow>.feature-staleness}).
 */
public final class FeatureGroups {

    /** An account's profile: age, average amount, chargebacks, counts; loaded by batch jobs. */
    public static final String PROFILE = "profile";

    /** A merchant's features, in the hash of entity {@code merchant:<merchantId>}. */
    public static final String MERCHANT = "merchant";

    /** The velocity windows, written back by the velocity enricher. */
    public static final String VELOCITY = "velocity";

    private FeatureGroups() {
    }
}
