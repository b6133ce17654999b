package dev.tandem.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the simulated provider knows of one IP address, derived from the address alone (SHA-256 of its text), so every
 * run, test and benchmark gets the same answer for the same IP and a test can predict it with {@link #of}.
 *
 * <p>The mix resembles the sample data the models were trained on (docs/models.md): about 95 % of addresses are
 * clean, with a score from 0 to 0.25 skewed towards 0 (a median of about 0.06); the other 5 % are risky, from 0.6 to
 * 1. Risky addresses are a proxy half of the time and in another country than the card 40 % of the time; clean ones
 * 2 % and 5 % of the time.
 *
 * @param ip the address as asked for
 * @param riskScore from 0 (clean) to 1 (known bad), four decimals
 * @param proxy whether the address is a known proxy, VPN or hosting exit
 * @param countryMismatch whether the address geolocates to another country than the one it claims
 */
public record Reputation(String ip, double riskScore, boolean proxy, boolean countryMismatch) {

    static final double RISKY_SHARE = 0.05;

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    /**
     * The reputation of {@code ip}.
     *
     * @throws IllegalArgumentException when {@code ip} is not an IPv4 or IPv6 address in text form
     */
    public static Reputation of(String ip) {
        if (!isAddress(ip)) {
            throw new IllegalArgumentException("not an IP address: " + ip);
        }
        ByteBuffer hash = ByteBuffer.wrap(sha256(ip));
        boolean risky = unit(hash.getLong(0)) < RISKY_SHARE;
        double level = unit(hash.getLong(8));
        double score = risky ? 0.6 + 0.4 * level : 0.25 * level * level;
        double proxy = unit(hash.getLong(16));
        double elsewhere = unit(hash.getLong(24));
        return new Reputation(ip, Math.round(score * 10_000) / 10_000.0, proxy < (risky ? 0.5 : 0.02),
                elsewhere < (risky ? 0.4 : 0.05));
    }

    /** Whether {@code text} is an IPv4 dotted quad or looks like an IPv6 address (hex digits and at least two colons). */
    static boolean isAddress(String text) {
        if (IPV4.matcher(text).matches()) {
            return true;
        }
        return IPV6.matcher(text).matches() && text.chars().filter(c -> c == ':').count() >= 2;
    }

    String toJson() {
        return String.format(Locale.ROOT, "{\"ip\":\"%s\",\"riskScore\":%.4f,\"proxy\":%b,\"countryMismatch\":%b}",
                ip, riskScore, proxy, countryMismatch);
    }

    /** The top 53 bits of {@code bits} as a fraction in [0, 1). */
    private static double unit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
