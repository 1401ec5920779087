package io.jnatsd.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * JSON as Go's encoding/json writes it: {@code <}, {@code >} and {@code &} inside strings become
 * {@code \u003c}, {@code \u003e}, {@code \u0026}; floats have no trailing {@code .0}; indented
 * output has {@code MarshalIndent}'s layout; unknown fields are ignored when reading.
 * Used for INFO/CONNECT on the wire and for the monitoring endpoints.
 */
public final class GoJson {
    private static final ObjectMapper COMPACT = configure(new ObjectMapper());
    private static final ObjectMapper INDENTED = configure(new ObjectMapper())
            .setDefaultPrettyPrinter(new GoIndentPrinter())
            .enable(SerializationFeature.INDENT_OUTPUT);

    private GoJson() {
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        mapper.getFactory().setCharacterEscapes(new GoEscapes());
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true);
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        GoFloatSerializer floats = new GoFloatSerializer();
        mapper.registerModule(new SimpleModule("go-floats")
                .addSerializer(Double.class, floats)
                .addSerializer(Double.TYPE, floats));
        return mapper;
    }

    /** Compact JSON for protocol lines. */
    public static ObjectMapper compact() {
        return COMPACT;
    }

    /** Two-space indented JSON, as the monitoring endpoints print it. */
    public static ObjectMapper indented() {
        return INDENTED;
    }
}
