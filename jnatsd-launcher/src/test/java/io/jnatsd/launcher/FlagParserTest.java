package io.jnatsd.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FlagParserTest {

    @Test
    void longFlagsWorkWithOneOrTwoDashesAsInGo() throws Exception {
        assertThat(FlagParser.parse("-port", "4333").port).isEqualTo(4333);
        assertThat(FlagParser.parse("--port", "4333").port).isEqualTo(4333);
        assertThat(FlagParser.parse("-routes", "nats://a:1").routes).isEqualTo("nats://a:1");
        assertThat(FlagParser.parse("-no_advertise").noAdvertise).isTrue();
    }

    @Test
    void shortFlagsWorkWithTwoDashesToo() throws Exception {
        assertThat(FlagParser.parse("--p", "1").port).isEqualTo(1);
        assertThat(FlagParser.parse("--DV").debugAndTrace).isTrue();
    }

    @Test
    void valuesMayFollowAnEqualsSign() throws Exception {
        assertThat(FlagParser.parse("-p=4333").port).isEqualTo(4333);
        assertThat(FlagParser.parse("--port=4333").port).isEqualTo(4333);
        assertThat(FlagParser.parse("-sl=reload=12").signal).isEqualTo("reload=12");
    }

    @Test
    void combinedShortFlagsAreFlagsOfTheirOwn() throws Exception {
        CommandLineFlags flags = FlagParser.parse("-ms", "8443", "-sl", "stop", "-VV");
        assertThat(flags.httpsPort).isEqualTo(8443);
        assertThat(flags.signal).isEqualTo("stop");
        assertThat(flags.traceVerbose).isTrue();
        assertThat(flags.httpPort).isNull();
    }

    @Test
    void aValueFlagTakesTheNextArgumentWhateverItLooksLike() throws Exception {
        CommandLineFlags flags = FlagParser.parse("-l", "-D");
        assertThat(flags.logFile).isEqualTo("-D");
        assertThat(flags.debug).isNull();
    }

    @Test
    void valuesStartingWithAtAreNotReadAsArgumentFiles() throws Exception {
        assertThat(FlagParser.parse("-n", "@server").serverName).isEqualTo("@server");
    }

    @Test
    void theLastOccurrenceOfAFlagWins() throws Exception {
        assertThat(FlagParser.parse("-p", "1", "--port", "2").port).isEqualTo(2);
    }

    @Test
    void booleanFlagsTakeGoBooleanSpellings() throws Exception {
        for (String yes : new String[] {"1", "t", "T", "true", "TRUE", "True"}) {
            assertThat(FlagParser.parse("-T=" + yes).logtime).isTrue();
        }
        for (String no : new String[] {"0", "f", "F", "false", "FALSE", "False"}) {
            assertThat(FlagParser.parse("-T=" + no).logtime).isFalse();
        }
    }

    @Test
    void aBooleanValueAfterASpaceIsAStrayCommand() {
        assertThatThrownBy(() -> FlagParser.parse("--no_advertise", "true"))
                .isInstanceOf(LaunchException.class)
                .hasMessage("jnatsd: unrecognized command: \"true\"")
                .matches(e -> !((LaunchException) e).showUsage());
    }

    @Test
    void parsingStopsAtTheFirstCommand() {
        assertThatThrownBy(() -> FlagParser.parse("-p", "1", "run", "--bogus"))
                .hasMessage("jnatsd: unrecognized command: \"run\"");
        assertThatThrownBy(() -> FlagParser.parse("--", "-p")).hasMessage("jnatsd: unrecognized command: \"-p\"");
    }

    @Test
    void anUnknownFlagIsReportedInGoWordsWithTheUsage() {
        assertThatThrownBy(() -> FlagParser.parse("--bogus"))
                .hasMessage("flag provided but not defined: -bogus")
                .matches(e -> ((LaunchException) e).showUsage());
        assertThatThrownBy(() -> FlagParser.parse("-x=1")).hasMessage("flag provided but not defined: -x");
        assertThatThrownBy(() -> FlagParser.parse("---port", "1")).hasMessage("bad flag syntax: ---port");
        assertThatThrownBy(() -> FlagParser.parse("-=1")).hasMessage("bad flag syntax: -=1");
    }

    @Test
    void aMissingValueIsReportedWithTheNameAsTyped() {
        assertThatThrownBy(() -> FlagParser.parse("-sl")).hasMessage("flag needs an argument: -sl");
        assertThatThrownBy(() -> FlagParser.parse("--port")).hasMessage("flag needs an argument: -port");
    }

    @Test
    void badValuesAreReported() {
        assertThatThrownBy(() -> FlagParser.parse("-p", "abc"))
                .hasMessage("invalid value \"abc\" for flag -p: parse error");
        assertThatThrownBy(() -> FlagParser.parse("--port=99999999999999999999"))
                .hasMessage("invalid value \"99999999999999999999\" for flag -port: value out of range");
        assertThatThrownBy(() -> FlagParser.parse("-p", "1__0"))
                .hasMessage("invalid value \"1__0\" for flag -p: parse error");
        assertThatThrownBy(() -> FlagParser.parse("--no_advertise=maybe"))
                .hasMessage("invalid boolean value \"maybe\" for -no_advertise: parse error");
    }

    @Test
    void oneShotCommandsAreRecognised() throws Exception {
        assertThat(FlagParser.parse("-v").version).isTrue();
        assertThat(FlagParser.parse("--version").version).isTrue();
        assertThat(FlagParser.parse("-h").help).isTrue();
        assertThat(FlagParser.parse("--help").help).isTrue();
        assertThat(FlagParser.parse("--help_tls").helpTls).isTrue();
        assertThat(FlagParser.parse("-t").testConfig).isTrue();
        assertThat(FlagParser.parse("--signal", "ldm").signal).isEqualTo("ldm");
        assertThat(FlagParser.parse("--ports_file_dir", "/tmp").portsFileDir).isEqualTo("/tmp");
    }

    @Test
    void integersTakeGoPrefixesAndSeparators() throws Exception {
        assertThat(FlagParser.parse("-p", "-1").port).isEqualTo(-1);
        assertThat(FlagParser.parse("-p", "0x10").port).isEqualTo(16);
        assertThat(FlagParser.parse("-p", "0o17").port).isEqualTo(15);
        assertThat(FlagParser.parse("-p", "017").port).isEqualTo(15);
        assertThat(FlagParser.parse("-p", "0b11").port).isEqualTo(3);
        assertThat(FlagParser.parse("-p", "4_222").port).isEqualTo(4222);
        assertThat(FlagParser.parse("-p", "+7").port).isEqualTo(7);
        assertThat(FlagParser.parse("--log_size_limit", "10000000000").logSizeLimit).isEqualTo(10_000_000_000L);
    }

    @Test
    void versionAndHelpAreCommandsAfterTheFlagsInAnyCase() throws Exception {
        assertThat(FlagParser.parse("version").version).isTrue();
        assertThat(FlagParser.parse("-p", "1", "HELP").help).isTrue();
        assertThat(FlagParser.parse("--", "help").help).isTrue();
        assertThatThrownBy(() -> FlagParser.parse("-")).hasMessage("jnatsd: unrecognized command: \"-\"");
        assertThat(FlagParser.parse("--").port).isNull();
    }
}
