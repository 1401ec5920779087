package io.jnatsd.bench.wire;

/**
 * What the throughput publishers send. {@link #BYTES} is one repeated frame (the cheapest to
 * produce, and what every figure before the payload option was measured with); {@link #JSON}
 * is {@link JsonPublisher}'s sensor documents, every one different, the realistic traffic that
 * compressed routes must be judged with (a repeated frame compresses a hundredfold).
 */
public enum Payload {
    BYTES,
    JSON;

    /** The name on the command line and in reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
