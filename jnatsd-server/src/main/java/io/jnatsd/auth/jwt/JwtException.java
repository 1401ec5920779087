package io.jnatsd.auth.jwt;

/** A JWT that cannot be used: malformed, badly signed, of the wrong kind or outside its time. */
public final class JwtException extends Exception {
    private static final long serialVersionUID = 1L;

    public JwtException(String message) {
        super(message);
    }
}
