package io.jnatsd.launcher;

import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Parses the command line into {@link CommandLineFlags}, with Go's flag package's errors. */
final class FlagParser {

    private FlagParser() {
    }

    static CommandLineFlags parse(String... args) throws LaunchException {
        CommandLineFlags flags = new CommandLineFlags();
        CommandLine commandLine = new CommandLine(flags)
                .setPosixClusteredShortOptionsAllowed(false)
                .setOverwrittenOptionsAllowed(true)
                .setAllowOptionsAsOptionParameters(true)
                .setUnmatchedOptionsAllowedAsOptionParameters(true)
                .setEndOfOptionsDelimiter("--")
                .setExpandAtFiles(false);
        GoFlagSyntax.Arguments arguments = new GoFlagSyntax(commandLine.getCommandSpec()).normalize(args);
        try {
            commandLine.parseArgs(arguments.flags().toArray(String[]::new));
        } catch (UnmatchedArgumentException e) {
            throw LaunchException.usage("flag provided but not defined: -"
                    + GoFlagSyntax.bareName(e.getUnmatched().get(0)));
        } catch (MissingParameterException e) {
            throw LaunchException.usage("flag needs an argument: -" + missingName(e));
        } catch (ParameterException e) {
            throw LaunchException.usage(invalidValue(e));
        }
        if (arguments.firstCommand() != null) {
            throw LaunchException.of("unrecognized command: \"" + arguments.firstCommand() + "\"");
        }
        return flags;
    }

    private static String invalidValue(ParameterException e) {
        if (e.getArgSpec() instanceof OptionSpec option
                && (option.type() == boolean.class || option.type() == Boolean.class)) {
            return "invalid boolean value \"" + e.getValue() + "\" for -" + bareName(e) + ": parse error";
        }
        return "invalid value \"" + e.getValue() + "\" for flag -" + bareName(e) + ": parse error";
    }

    private static String missingName(MissingParameterException e) {
        if (!e.getMissing().isEmpty() && e.getMissing().get(0) instanceof OptionSpec option) {
            return GoFlagSyntax.bareName(option.longestName());
        }
        return bareName(e);
    }

    private static String bareName(ParameterException e) {
        if (e.getArgSpec() instanceof OptionSpec option) {
            return GoFlagSyntax.bareName(option.longestName());
        }
        return "?";
    }
}
