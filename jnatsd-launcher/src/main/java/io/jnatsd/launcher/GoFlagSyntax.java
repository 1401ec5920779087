package io.jnatsd.launcher;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Rewrites arguments written for Go's flag package into the one form picocli is given.
 *
 * <p>Go accepts every flag with one or two dashes ({@code -port 4222}, {@code --port=4222}),
 * a boolean flag only as {@code -flag} or {@code -flag=value} (so {@code --no_advertise true}
 * leaves {@code true} as a stray command), takes the argument after a value flag whatever it
 * looks like ({@code -l -D} logs to a file named {@code -D}), and stops at the first argument
 * that is not a flag. Each flag is therefore rewritten to its declared name, bare booleans get
 * {@code =true}, and parsing stops at the first command, which is reported separately.
 */
final class GoFlagSyntax {
    private final CommandSpec spec;

    GoFlagSyntax(CommandSpec spec) {
        this.spec = spec;
    }

    /** The flags in picocli's form, and the first non-flag argument (null when there is none). */
    record Arguments(List<String> flags, String firstCommand) {
    }

    Arguments normalize(String[] args) {
        List<String> flags = new ArrayList<>(args.length);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return new Arguments(flags, i + 1 < args.length ? args[i + 1] : null);
            }
            if (arg.length() < 2 || arg.charAt(0) != '-') {
                return new Arguments(flags, arg);
            }
            int equals = arg.indexOf('=');
            String typedName = equals < 0 ? arg : arg.substring(0, equals);
            String name = declaredName(typedName);
            if (name == null) {
                flags.add(arg);
                continue;
            }
            OptionSpec option = spec.findOption(name);
            if (equals >= 0) {
                flags.add(name + arg.substring(equals));
            } else if (isBoolean(option)) {
                flags.add(name + "=true");
            } else {
                flags.add(name);
                if (i + 1 < args.length) {
                    flags.add(args[++i]);
                }
            }
        }
        return new Arguments(flags, null);
    }

    /** The flag's name without dashes, as Go prints it in error messages. */
    static String bareName(String typed) {
        int equals = typed.indexOf('=');
        String name = equals < 0 ? typed : typed.substring(0, equals);
        return name.startsWith("--") ? name.substring(2) : name.substring(1);
    }

    /** The declared spelling of a flag typed with one or two dashes, or null if there is none. */
    private String declaredName(String typedName) {
        if (typedName.startsWith("---")) {
            return null;
        }
        String bare = bareName(typedName);
        for (String candidate : new String[] {"-" + bare, "--" + bare}) {
            OptionSpec option = spec.findOption(candidate);
            if (option != null && List.of(option.names()).contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean isBoolean(OptionSpec option) {
        return option.type() == boolean.class || option.type() == Boolean.class;
    }
}
