package io.jnatsd.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Floats as Go's encoding/json writes them: the shortest text that reads back to the same value,
 * without a trailing {@code .0} ({@code 2}, {@code 0.5}, {@code 0.1875}), and with an exponent only
 * below 1e-6 or from 1e21 on. Tools that read {@code auth_timeout} or {@code cpu} accept either,
 * but a byte-for-byte comparison with nats-server does not.
 */
final class GoFloatSerializer extends StdSerializer<Double> {
    GoFloatSerializer() {
        super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeNumber(format(value));
    }

    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            // Go refuses to encode these; 0 keeps the document valid.
            return "0";
        }
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude < 1e-6 || magnitude >= 1e21) {
            return exponentForm(value);
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    /** Go's {@code 1e-07} / {@code 1.5e+21}: mantissa without trailing zeros, signed two-digit exponent. */
    private static String exponentForm(double value) {
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        int exponent = decimal.precision() - decimal.scale() - 1;
        BigDecimal mantissa = decimal.movePointLeft(exponent).stripTrailingZeros();
        String sign = exponent < 0 ? "-" : "+";
        int absExponent = Math.abs(exponent);
        return mantissa.toPlainString() + "e" + sign + (absExponent < 10 ? "0" : "") + absExponent;
    }
}
