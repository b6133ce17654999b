package dev.tandem.devserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A sample entity of the demo with its online features; {@code risky} ones get bursts of large payments. */
record DemoEntity(String entityId, int accountAgeDays, BigDecimal avgAmount, int chargebacks90d, int txnCount30d,
        boolean risky) {

    static final String RESOURCE = "demo-entities.csv";

    /** The feature hash fields as the online store keeps them: feature name to decimal string. */
    Map<String, String> features() {
        var features = new LinkedHashMap<String, String>();
        features.put("account_age_days", String.valueOf(accountAgeDays));
        features.put("avg_amount", avgAmount.toPlainString());
        features.put("chargebacks_90d", String.valueOf(chargebacks90d));
        features.put("txn_count_30d", String.valueOf(txnCount30d));
        return features;
    }

    /** The entities in {@value #RESOURCE} beside this class, in file order. */
    static List<DemoEntity> load() {
        try (InputStream in = DemoEntity.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(DemoEntity::parse)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DemoEntity parse(String line) {
        String[] f = line.split(",");
        if (f.length != 6) {
            throw new IllegalArgumentException("Expected 6 fields in " + RESOURCE + ": " + line);
        }
        return new DemoEntity(f[0], Integer.parseInt(f[1]), new BigDecimal(f[2]), Integer.parseInt(f[3]),
                Integer.parseInt(f[4]), Boolean.parseBoolean(f[5]));
    }
}
