package io.jnatsd.launcher;

/**
 * Parses the command line into {@link CommandLineFlags} the way Go's flag package and
 * nats-server do, with their error words: every flag may be written with one or two dashes
 * ({@code -port 4222}, {@code --port=4222}); a boolean flag takes a value only after {@code =}
 * ({@code --no_advertise true} leaves {@code true} as a stray command); a value flag takes the
 * next argument whatever it looks like ({@code -l -D} logs to a file named {@code -D}); parsing
 * stops at {@code --} or the first argument that is not a flag, and of those only
 * {@code version} and {@code help} are commands.
 *
 * <p>Hand-written rather than a library: it is on the start-up path of every server, and a
 * reflective parser cost a quarter of a second there (docs/STARTUP.md).
 */
final class FlagParser {

    private FlagParser() {
    }

    static CommandLineFlags parse(String... args) throws LaunchException {
        CommandLineFlags flags = new CommandLineFlags();
        int i = 0;
        while (i < args.length) {
            String arg = args[i];
            if (arg.length() < 2 || arg.charAt(0) != '-') {
                break;
            }
            int dashes = arg.charAt(1) == '-' ? 2 : 1;
            if (dashes == 2 && arg.length() == 2) {
                i++;
                break;
            }
            String name = arg.substring(dashes);
            if (name.isEmpty() || name.charAt(0) == '-' || name.charAt(0) == '=') {
                throw LaunchException.usage("bad flag syntax: " + arg);
            }
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            CommandLineFlags.Type type = CommandLineFlags.typeOf(name);
            if (type == null) {
                throw LaunchException.usage("flag provided but not defined: -" + name);
            }
            i++;
            if (type == CommandLineFlags.Type.BOOLEAN) {
                Boolean bool = value == null ? Boolean.TRUE : GoBoolean.parse(value);
                if (bool == null) {
                    throw LaunchException.usage("invalid boolean value \"" + value + "\" for -" + name + ": parse error");
                }
                flags.set(name, bool);
                continue;
            }
            if (value == null) {
                if (i == args.length) {
                    throw LaunchException.usage("flag needs an argument: -" + name);
                }
                value = args[i++];
            }
            flags.set(name, typed(type, name, value));
        }
        if (i < args.length) {
            command(flags, args[i]);
        }
        return flags;
    }

    private static Object typed(CommandLineFlags.Type type, String name, String value) throws LaunchException {
        if (type == CommandLineFlags.Type.STRING) {
            return value;
        }
        long number;
        try {
            number = GoInteger.parse(value);
        } catch (GoInteger.OutOfRangeException e) {
            throw invalidValue(name, value, "value out of range");
        } catch (NumberFormatException e) {
            throw invalidValue(name, value, "parse error");
        }
        if (type == CommandLineFlags.Type.LONG) {
            return number;
        }
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw invalidValue(name, value, "value out of range");
        }
        return (int) number;
    }

    private static LaunchException invalidValue(String name, String value, String reason) {
        return LaunchException.usage("invalid value \"" + value + "\" for flag -" + name + ": " + reason);
    }

    /** nats-server reads the first argument after the flags as a command, in any case. */
    private static void command(CommandLineFlags flags, String command) throws LaunchException {
        switch (command.toLowerCase(java.util.Locale.ROOT)) {
            case "version" -> flags.version = true;
            case "help" -> flags.help = true;
            default -> throw LaunchException.of("unrecognized command: \"" + command + "\"");
        }
    }
}
