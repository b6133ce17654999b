package dev.tandem.modellab;

/** Why the generator made an event: legitimate behaviour or one of the fraud patterns. */
enum Pattern {
    LEGIT(false, "ordinary purchases, retries, shopping sprees, occasional big purchases, travel and VPN IPs"),
    BUST_OUT(true, "a fraudster's fresh account cashes out: several purchases far above its usual amount at risky merchants"),
    TAKEOVER(true, "a taken-over account buys one to three big-ticket items, often at risky merchants from a risky IP"),
    BURST(true, "rapid-fire purchases of ordinary size seconds apart, sometimes followed by a cash-out"),
    DRAIN(true, "a taken-over account is drained with purchases of 1 to 2.5 times its usual amount over several hours"),
    PROXY(true, "one or two purchases of near-usual size through a risky proxy IP"),
    FIRST_PARTY(true, "an account with a chargeback history disputes ordinary purchases"),
    UNEXPLAINED(true, "fraud with no signal in any feature (label noise)");

    private final boolean fraud;
    private final String description;

    Pattern(boolean fraud, String description) {
        this.fraud = fraud;
        this.description = description;
    }

    boolean fraud() {
        return fraud;
    }

    String description() {
        return description;
    }
}
