package dev.tandem.schemas;

/** Kafka consumer group ids: what lag dashboards and alerts name. */
public final class ConsumerGroups {

    /** enrichment-workers on {@link Topics#DECISIONS}. */
    public static final String ENRICHMENT_WORKERS = "tandem-enrichment-workers";

    /** blender on {@link Topics#DECISIONS}: indexes each outcome's deadline (and stores v1 if missing). */
    public static final String BLENDER_DEADLINES = "tandem-blender-deadlines";

    /** blender on {@link Topics#ENRICHMENTS}. */
    public static final String BLENDER = "tandem-blender";

    private ConsumerGroups() {
    }
}
