package io.jnatsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bad CONNECT is logged with the text nats-server 2.10.27 logs for it (each row was sent to it
 * and its log line copied): one line, Go's wording, no Java class names.
 */
class GoJsonErrorsTest {
    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"nkey\":true}|json: cannot unmarshal bool into Go struct field ClientOpts.nkey of type string",
        "{\"version\":1}|json: cannot unmarshal number into Go struct field ClientOpts.version of type string",
        "{\"name\":{}}|json: cannot unmarshal object into Go struct field ClientOpts.name of type string",
        "{\"name\":[]}|json: cannot unmarshal array into Go struct field ClientOpts.name of type string",
        "{\"echo\":\"x\"}|json: cannot unmarshal string into Go struct field ClientOpts.echo of type bool",
        "{\"protocol\":\"1\"}|json: cannot unmarshal string into Go struct field ClientOpts.protocol of type int",
        "{\"protocol\":1.5}|json: cannot unmarshal number 1.5 into Go struct field ClientOpts.protocol of type int",
        "[]|json: cannot unmarshal array into Go value of type server.ClientOpts",
        "{\"verbose\":false} junk|invalid character 'j' after top-level value",
        "{\"verbose\":false|unexpected end of JSON input",
        "{bad|invalid character 'b' looking for beginning of object key string",
        "{\"verbose\" false}|invalid character 'f' after object key",
        "{\"a\":1 \"b\":2}|invalid character '\"' after object key:value pair",
        "[1 2]|invalid character '2' after array element",
        "garbage|invalid character 'g' looking for beginning of value",
        "` `|unexpected end of JSON input",
    })
    void connectErrorsReadAsNatsServers(String json, String expected) {
        ProtocolException e = catchThrowableOfType(() -> ConnectOptions.parse(json), ProtocolException.class);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo(expected);
        assertThat(e.error()).as("closed without -ERR").isNull();
    }
}
