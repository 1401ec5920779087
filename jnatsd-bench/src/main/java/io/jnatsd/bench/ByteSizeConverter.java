package io.jnatsd.bench;

import io.jnatsd.bench.report.ByteSize;
import picocli.CommandLine;

/** Message sizes for {@code --sizes}. */
final class ByteSizeConverter implements CommandLine.ITypeConverter<Integer> {

    @Override
    public Integer convert(String text) {
        try {
            return ByteSize.parse(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
