package io.jnatsd.launcher;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a boolean flag value the way Go's {@code strconv.ParseBool} does, so {@code -T=f} works. */
final class GoBoolean implements ITypeConverter<Boolean> {

    @Override
    public Boolean convert(String value) {
        switch (value) {
            case "1": case "t": case "T": case "true": case "TRUE": case "True":
                return Boolean.TRUE;
            case "0": case "f": case "F": case "false": case "FALSE": case "False":
                return Boolean.FALSE;
            default:
                throw new TypeConversionException("parse error");
        }
    }
}
