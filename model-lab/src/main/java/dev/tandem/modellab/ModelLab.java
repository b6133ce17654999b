package dev.tandem.modellab;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model lab's command line: {@code train} and {@code evaluate}. Run from the repository's root
 * (the default models folder is relative to it), through {@code ./tandem models ...}.
 */
public final class ModelLab {

    static final Path DEFAULT_MODELS = Path.of("decision-core/src/main/resources/models");
    static final long DEFAULT_TRAIN_SEED = 42;
    static final int DEFAULT_TRAIN_ROWS = 50_000;
    static final long DEFAULT_EVALUATE_SEED = 4242;
    static final int DEFAULT_EVALUATE_ROWS = 200_000;

    private static final String USAGE = """
            Usage: ./tandem models <command> [options]

              train [--seed N] [--rows N] [--out DIR]
                  generate payments, train payment-risk-fast, payment-risk-full and payment-risk-deep, export
                  them to ONNX and write their cards to DIR/<name>/1/ (defaults: seed %d, %d rows, %s)
              evaluate [--seed N] [--rows N] [--models DIR]
                  replay held-out payments through the ONNX files in DIR and print what enrichment is worth
                  as markdown (defaults: seed %d, %d rows, %s)
            """.formatted(DEFAULT_TRAIN_SEED, DEFAULT_TRAIN_ROWS, DEFAULT_MODELS, DEFAULT_EVALUATE_SEED,
            DEFAULT_EVALUATE_ROWS, DEFAULT_MODELS);

    private ModelLab() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.err.println();
            System.err.print(USAGE);
            System.exit(2);
        } catch (Exception e) {
            System.err.println("models: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0 || Set.of("help", "-h", "--help").contains(args[0])) {
            System.out.print(USAGE);
            return 0;
        }
        List<String> rest = List.of(args).subList(1, args.length);
        switch (args[0]) {
            case "train" -> {
                Map<String, String> options = options(rest, Set.of("--seed", "--rows", "--out"));
                Training.run(longOption(options, "--seed", DEFAULT_TRAIN_SEED),
                        intOption(options, "--rows", DEFAULT_TRAIN_ROWS),
                        Path.of(options.getOrDefault("--out", DEFAULT_MODELS.toString())), System.out::println);
            }
            case "evaluate" -> {
                Map<String, String> options = options(rest, Set.of("--seed", "--rows", "--models"));
                EvaluationResult result = Evaluation.run(longOption(options, "--seed", DEFAULT_EVALUATE_SEED),
                        intOption(options, "--rows", DEFAULT_EVALUATE_ROWS),
                        Path.of(options.getOrDefault("--models", DEFAULT_MODELS.toString())), System.err::println);
                System.out.println(EvaluationReport.markdown(result));
            }
            default -> throw new UsageException("unknown command: " + args[0]);
        }
        return 0;
    }

    private static Map<String, String> options(List<String> args, Set<String> known) {
        var options = new HashMap<String, String>();
        for (int i = 0; i < args.size(); i += 2) {
            String name = args.get(i);
            if (!known.contains(name)) {
                throw new UsageException("unknown option: " + name);
            }
            if (i + 1 >= args.size()) {
                throw new UsageException(name + " needs a value");
            }
            options.put(name, args.get(i + 1));
        }
        return options;
    }

    private static long longOption(Map<String, String> options, String name, long fallback) {
        try {
            return options.containsKey(name) ? Long.parseLong(options.get(name)) : fallback;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number, was " + options.get(name));
        }
    }

    private static int intOption(Map<String, String> options, String name, int fallback) {
        long value = longOption(options, name, fallback);
        if (value < 1 || value > 10_000_000) {
            throw new UsageException(name + " must be between 1 and 10000000, was " + value);
        }
        return (int) value;
    }

    /** A bad command line: the message says what, and the usage follows. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
