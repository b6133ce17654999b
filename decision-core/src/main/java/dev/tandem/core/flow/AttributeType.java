package dev.tandem.core.flow;

import java.util.Currency;

/** The kinds of value a flow attribute can take, each with its own check and canonical form. */
public enum AttributeType {

    /** A finite number greater than zero; kept as a {@code Double}. */
    POSITIVE_NUMBER {
        @Override
        Object canonical(Object raw) {
            if (!(raw instanceof Number number)) {
                throw new IllegalArgumentException("must be a number");
            }
            double value = number.doubleValue();
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("must be a finite number");
            }
            if (value <= 0) {
                throw new IllegalArgumentException("must be a positive number");
            }
            return value;
        }
    },

    /** An ISO 4217 currency code such as {@code EUR}. */
    CURRENCY {
        @Override
        Object canonical(Object raw) {
            String code = TEXT.canonical(raw).toString();
            try {
                return Currency.getInstance(code).getCurrencyCode();
            }
            catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("must be an ISO 4217 currency code, such as EUR");
            }
        }
    },

    /** Non-blank text of at most 256 characters. */
    TEXT {
        @Override
        Object canonical(Object raw) {
            if (!(raw instanceof String text)) {
                throw new IllegalArgumentException("must be a string");
            }
            if (text.isBlank()) {
                throw new IllegalArgumentException("must not be blank");
            }
            if (text.length() > 256) {
                throw new IllegalArgumentException("must be at most 256 characters");
            }
            return text;
        }
    };

    /**
     * The canonical value of {@code raw}.
     *
     * @throws IllegalArgumentException with a message completing "attribute X ..." when it does not fit
     */
    abstract Object canonical(Object raw);
}
