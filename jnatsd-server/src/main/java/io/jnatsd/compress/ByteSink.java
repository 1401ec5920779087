package io.jnatsd.compress;

/**
 * Receives a range of bytes produced by an S2 stream reader or writer.
 *
 * <p>Ownership: the array belongs to the producer (or, for the reader, may be the caller's own
 * input array). It is valid only for the duration of the call and must not be modified or
 * kept; a sink that needs the bytes later copies them.
 */
@FunctionalInterface
public interface ByteSink {
    void accept(byte[] bytes, int offset, int length);
}
