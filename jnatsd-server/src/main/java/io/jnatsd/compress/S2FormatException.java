package io.jnatsd.compress;

import java.io.IOException;

/**
 * The bytes handed to an S2 decoder are not a valid S2 block or stream: a malformed element,
 * a length beyond its bound, a checksum mismatch or a chunk type the format forbids.
 *
 * <p>The decoders throw only this exception for bad input, whatever the bytes, so a caller can
 * treat it as "the peer sent garbage" and close the connection.
 */
public final class S2FormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public S2FormatException(String message) {
        super(message);
    }
}
