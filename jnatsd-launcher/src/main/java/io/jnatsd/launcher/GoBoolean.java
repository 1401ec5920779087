package io.jnatsd.launcher;

/** Reads a boolean flag value the way Go's {@code strconv.ParseBool} does, so {@code -T=f} works. */
final class GoBoolean {

    private GoBoolean() {
    }

    /** The value, or null when Go would not read it as a boolean. */
    static Boolean parse(String value) {
        switch (value) {
            case "1": case "t": case "T": case "true": case "TRUE": case "True":
                return Boolean.TRUE;
            case "0": case "f": case "F": case "false": case "FALSE": case "False":
                return Boolean.FALSE;
            default:
                return null;
        }
    }
}
