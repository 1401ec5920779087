package io.jnatsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bad CONNECT is logged with the text nats-server 2.10.27 logs for it (each row was sent to it
 * and its log line copied): one line, Go's wording, no Java class names, and for a syntax error
 * the byte and the words Go's scanner stops at.
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
        "{\"verbose\":fals}|invalid character '}' in literal false (expecting 'e')",
        "{\"verbose\":tru}|invalid character '}' in literal true (expecting 'e')",
        "notjson|invalid character 'o' in literal null (expecting 'u')",
        "{\"a\":nul}|invalid character '}' in literal null (expecting 'l')",
        "nul|invalid character ' ' in literal null (expecting 'l')",
        "{\"a\":-x}|invalid character 'x' in numeric literal",
        "{\"a\":1.}|invalid character '}' after decimal point in numeric literal",
        "{\"a\":1e}|invalid character '}' in exponent of numeric literal",
        "{\"a\":01}|invalid character '1' after object key:value pair",
        "{\"a\":\"\\q\"}|invalid character 'q' in string escape code",
        "{\"a\":\"\\u12x4\"}|invalid character 'x' in \\u hexadecimal character escape",
        "{\"a\":\"\t\"}|invalid character '\\t' in string literal",
        "{'a':1}|invalid character '\\'' looking for beginning of object key string",
        "{\"a\":1}}|invalid character '}' after top-level value",
        "{\"a\":[1,]}|invalid character ']' looking for beginning of value",
        "{\"a\":\u00e9}|invalid character '\u00c3' looking for beginning of value",
    })
    void connectErrorsReadAsNatsServers(String json, String expected) {
        ProtocolException e = catchThrowableOfType(() -> ConnectOptions.parse(json), ProtocolException.class);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo(expected);
        assertThat(e.error()).as("closed without -ERR").isNull();
    }
}
