package io.jnatsd.monitor;

import java.util.List;
import java.util.Map;

/** Query-string access with Go's ParseBool and ParseInt rules and nats-server's error texts. */
final class QueryParameters {
    private final Map<String, List<String>> values;

    QueryParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    String get(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    boolean bool(String name) throws BadRequestException {
        String value = get(name);
        if (value == null || value.isEmpty()) {
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

    int integer(String name, int defaultValue) throws BadRequestException {
        String value = get(name);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadRequestException("Error decoding number for '" + name + "': strconv.Atoi: parsing \""
                    + value + "\": invalid syntax");
        }
    }
}
