package io.jnatsd.subject;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubjectsTest {

    @ParameterizedTest(name = "SUB \"{0}\" valid={1}, literal={2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            // subject     | valid for SUB | no wildcard token
            "foo           | true  | true",
            "foo.bar       | true  | true",
            "foo.bar.baz   | true  | true",
            "*             | true  | false",
            ">             | true  | false",
            "foo.*         | true  | false",
            "foo.>         | true  | false",
            "*.bar.>       | true  | false",
            "foo.*.*       | true  | false",
            "a*b           | true  | true",
            "a>b           | true  | true",
            "foo.b*r.>x    | true  | true",
            "**            | true  | true",
            ">>            | true  | true",
            "föö.bär       | true  | true",
            "$SYS.REQ.SERVER.PING | true | true",
            "_INBOX.abc.*  | true  | false",
            "foo..a        | false | false",
            ".foo          | false | false",
            "foo.          | false | false",
            ".             | false | false",
            "..            | false | false",
            "foo.>.a       | false | false",
            ">.a           | false | false",
            ">.>           | false | false",
    })
    void subjectsAreValidatedAsNatsServerDoes(String subject, boolean valid, boolean literal) {
        assertThat(Subjects.isValidSubject(subject)).isEqualTo(valid);
        assertThat(Subjects.isValidLiteralSubject(subject)).isEqualTo(literal);
        assertThat(Subjects.isValidPublishSubject(subject)).isEqualTo(valid && literal);
    }

    @ParameterizedTest(name = "\"{0}\" is invalid")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {"''", "'foo bar'", "'foo\tbar'", "' '", "'a.b\r'", "'a\n'"})
    void emptySubjectsAndWhitespaceAreInvalid(String subject) {
        assertThat(Subjects.isValidSubject(subject)).isFalse();
        assertThat(Subjects.isValidPublishSubject(subject)).isFalse();
    }

    @ParameterizedTest(name = "queue \"{0}\" valid={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "workers | true", "q.1.x | true", "* | true", "> | true", "a..b | true",
            "'' | false", "'a b' | false", "'a\tb' | false"})
    void queueNamesAreOpaqueTokensWithoutWhitespace(String queue, boolean valid) {
        assertThat(Subjects.isValidQueueName(queue)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "\"{0}\" matches \"{1}\": {2}")
    @CsvSource(delimiter = '|', value = {
            "foo         | foo          | true",
            "foo         | bar          | false",
            "foo         | foo.bar      | false",
            "foo.bar     | foo          | false",
            "*           | foo          | true",
            "*           | foo.bar      | false",
            ">           | foo          | true",
            ">           | foo.bar.baz  | true",
            "foo.>       | foo          | false",
            "foo.>       | foo.bar      | true",
            "foo.>       | foo.bar.baz  | true",
            "foo.*       | foo.bar      | true",
            "foo.*       | foo.bar.baz  | false",
            "*.bar       | foo.bar      | true",
            "*.*.baz     | a.b.baz      | true",
            "*.*.baz     | a.b.bax      | false",
            "foo.*.>     | foo.a        | false",
            "foo.*.>     | foo.a.b      | true",
            "a*b         | a*b          | true",
            "a*b         | axb          | false",
            "foo.*       | foo.*        | true",
            "foo.>       | foo.>        | true",
            "foo.*       | foo.>        | true",
            "foo.bar     | foo.*        | false",
            "foo.>       | foo..a       | false",
            ">           | foo.         | false",
            "foo.bar     | foo.barx     | false",
            "foo.barx    | foo.bar      | false",
    })
    void patternsMatchLiteralSubjectsTokenByToken(String pattern, String subject, boolean matches) {
        assertThat(Subjects.matches(pattern, subject)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "\"{0}\" within \"{1}\": {2}")
    @CsvSource(delimiter = '|', value = {
            "foo.bar     | foo.bar      | true",
            "foo.bar     | foo.*        | true",
            "foo.bar     | foo.>        | true",
            "foo.bar     | >            | true",
            "foo.*       | foo.>        | true",
            "foo.*       | foo.*        | true",
            "foo.*       | *.*          | true",
            "foo.>       | foo.>        | true",
            "foo.>       | >            | true",
            "foo.>       | foo.*        | false",
            "foo.*       | foo.bar      | false",
            "foo.>       | foo.bar      | false",
            ">           | foo.>        | false",
            "foo         | foo.>        | false",
            "foo.bar.baz | foo.*        | false",
            "foo.*.baz   | foo.>        | true",
            "foo.*.baz   | *.*.baz      | true",
            "foo.*.baz   | *.x.baz      | false",
            "bar.x       | foo.>        | false",
    })
    void subsetTestsWhetherAPermissionCoversASubscription(String subject, String pattern, boolean subset) {
        assertThat(Subjects.isSubsetOf(subject, pattern)).isEqualTo(subset);
    }

    @ParameterizedTest(name = "\"{0}\" has {1} tokens")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {"'' | 0", "foo | 1", "foo.bar | 2", "a.*.> | 3", "a..b | 3"})
    void tokensAreCountedBySeparators(String subject, int tokens) {
        assertThat(Subjects.tokenCount(subject)).isEqualTo(tokens);
    }

    @ParameterizedTest(name = "\"{0}\" has a literal prefix of {1}")
    @CsvSource(delimiter = '|', value = {"foo.bar | 7", "foo.*.bar | 4", "foo.> | 4", "> | 0", "*.foo | 0", "a*b.c | 5"})
    void theLiteralPrefixEndsAtTheFirstWildcardToken(String subject, int length) {
        assertThat(Subjects.literalPrefixLength(subject)).isEqualTo(length);
    }
}
