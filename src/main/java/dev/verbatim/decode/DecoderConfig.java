package dev.verbatim.decode;

/**
 * Decoder settings saved in the model's {@code config.json}.
 *
 * @param method the search: only {@code greedy} (best path) for now
 */
public record DecoderConfig(String method) {
    public static final String GREEDY = "greedy";

    public DecoderConfig {
        if (method == null) {
            method = GREEDY;
        }
        if (!method.equals(GREEDY)) {
            throw new IllegalArgumentException("decoder.method must be 'greedy', got '" + method + "'");
        }
    }

    public static DecoderConfig defaults() {
        return new DecoderConfig(GREEDY);
    }
}
