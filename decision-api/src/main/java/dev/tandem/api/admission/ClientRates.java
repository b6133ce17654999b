package dev.tandem.api.admission;

import java.time.Duration;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A token bucket per client: {@code rate} tokens a second, at most {@code burst} saved; a request takes one. Buckets
 * of clients not seen for a minute are dropped (a returning client starts full). Thread-safe.
 */
final class ClientRates {

    private final double perNano;
    private final int burst;
    private final LongSupplier nanoTime;
    private final Cache<String, Bucket> buckets;

    ClientRates(int rate, int burst, LongSupplier nanoTime) {
        this.perNano = rate / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(1)).build();
    }

    /** Whether {@code client} may make a request now (taking a token if so). */
    boolean tryTake(String client) {
        return buckets.get(client, key -> new Bucket(burst, nanoTime.getAsLong())).tryTake();
    }

    private final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized boolean tryTake() {
            long now = nanoTime.getAsLong();
            tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
