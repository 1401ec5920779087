package io.jnatsd.protocol;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Go's encoding/json escaping: {@code <}, {@code >} and {@code &} as {@code \}{@code u003c} ...,
 * so that JSON jnatsd writes is byte for byte what nats-server writes. Its own class, so that the
 * streaming writers can use it without loading an object mapper.
 */
public final class GoEscapes extends CharacterEscapes {
    private final int[] escapes;

    public GoEscapes() {
        escapes = standardAsciiEscapesForJSON();
        escapes['<'] = ESCAPE_CUSTOM;
        escapes['>'] = ESCAPE_CUSTOM;
        escapes['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return new SerializedString(String.format("\\u%04x", ch));
    }
}
