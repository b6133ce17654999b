package dev.tandem.modellab;

/**
 * A generated payment before its features are derived.
 *
 * @param timeMillis event time, milliseconds since the start of the simulated period (warm-up day included)
 * @param amount EUR
 * @param merchant index into the world's merchants
 * @param ipRisk the reputation of the IP the payment came from, 0..1
 * @param pattern what made it, and so its label
 */
record Payment(long timeMillis, double amount, int merchant, double ipRisk, Pattern pattern) {
}
