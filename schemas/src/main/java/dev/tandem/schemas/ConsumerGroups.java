package dev.tandem.schemas;

/** Kafka consumer group ids: what lag dashboards and alerts name. */
public final class ConsumerGroups {

    /** Prefix of each enricher's group on {@link Topics#DECISIONS}: {@code tandem-enricher-velocity}, ... */
    public static final String ENRICHER_PREFIX = "tandem-enricher-";

    /** blender on {@link Topics#DECISIONS}: indexes each outcome's deadline (and stores v1 if missing). */
    public static final String BLENDER_DEADLINES = "tandem-blender-deadlines";

    /** blender on {@link Topics#ENRICHMENTS}. */
    public static final String BLENDER = "tandem-blender";

    private ConsumerGroups() {
    }

    /** The group of enricher {@code name} on {@link Topics#DECISIONS}: each enricher keeps its own pace. */
    public static String enricher(String name) {
        return ENRICHER_PREFIX + name;
    }

    /**
     * The group of enricher {@code name} on its BULK lane, {@link Topics#DECISIONS_BULK}: a group of its own, so the
     * two lanes' consumers joining or leaving never rebalance each other.
     */
    public static String enricherBulk(String name) {
        return ENRICHER_PREFIX + name + "-bulk";
    }
}
