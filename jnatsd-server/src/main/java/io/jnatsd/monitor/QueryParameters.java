package io.jnatsd.monitor;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Query-string access with Go's ParseBool, Atoi and ParseUint rules and nats-server's 400 texts. */
final class QueryParameters {
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final Map<String, List<String>> values;

    QueryParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /** The first value of the parameter, or null when absent. */
    String get(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    /** The first value, with absent and empty both meaning "not given". */
    String text(String name) {
        String value = get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    boolean bool(String name) throws BadRequestException {
        String value = text(name);
        if (value == null) {
            return false;
        }
        switch (value) {
            case "1", "t", "T", "TRUE", "true", "True":
                return true;
            case "0", "f", "F", "FALSE", "false", "False":
                return false;
            default:
                throw new BadRequestException("Error decoding boolean for '" + name + "': strconv.ParseBool: parsing \""
                        + value + "\": invalid syntax");
        }
    }

    /** Go's {@code strconv.Atoi} on a 64-bit platform; 0 when absent. */
    long integer(String name) throws BadRequestException {
        String value = text(name);
        if (value == null) {
            return 0;
        }
        BigInteger number = parseDecimal(value, true);
        if (number == null) {
            throw new BadRequestException(intError(name, value, "invalid syntax"));
        }
        if (number.bitLength() > 63) {
            throw new BadRequestException(intError(name, value, "value out of range"));
        }
        return number.longValue();
    }

    /** Go's {@code strconv.ParseUint(s, 10, 64)}, kept in a long (values above Long.MAX_VALUE match no id). */
    long unsigned(String name) throws BadRequestException {
        String value = text(name);
        if (value == null) {
            return 0;
        }
        BigInteger number = parseDecimal(value, false);
        String prefix = "Error decoding uint64 for '" + name + "': strconv.ParseUint: parsing \"" + value + "\": ";
        if (number == null) {
            throw new BadRequestException(prefix + "invalid syntax");
        }
        if (number.compareTo(UINT64_MAX) > 0) {
            throw new BadRequestException(prefix + "value out of range");
        }
        return number.bitLength() > 63 ? Long.MAX_VALUE : number.longValue();
    }

    private static String intError(String name, String value, String reason) {
        return "Error decoding int for '" + name + "': strconv.Atoi: parsing \"" + value + "\": " + reason;
    }

    /** Decimal digits with an optional sign (when signed); null when that is not what the text is. */
    private static BigInteger parseDecimal(String value, boolean signed) {
        int start = signed && (value.charAt(0) == '+' || value.charAt(0) == '-') ? 1 : 0;
        if (start == value.length()) {
            return null;
        }
        for (int i = start; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return null;
            }
        }
        return new BigInteger(value);
    }
}
