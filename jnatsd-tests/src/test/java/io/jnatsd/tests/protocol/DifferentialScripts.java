package io.jnatsd.tests.protocol;

import io.jnatsd.tests.protocol.DifferentialProtocolTest.Profile;
import io.jnatsd.tests.protocol.DifferentialProtocolTest.Script;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw inputs of {@link DifferentialProtocolTest}, grouped by the CLIENT.md section they probe.
 * Subjects are chosen per script; scripts run one after the other, so they cannot cross-talk.
 */
final class DifferentialScripts {
    private static final String QUIET = "CONNECT {\"verbose\":false,\"pedantic\":false}\r\n";
    private static final String VERBOSE = "CONNECT {\"verbose\":true,\"pedantic\":false}\r\n";
    private static final String PEDANTIC = "CONNECT {\"verbose\":false,\"pedantic\":true}\r\n";
    private static final String HEADERS = "CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true}\r\n";

    private final List<Script> scripts = new ArrayList<>();

    private DifferentialScripts() {
    }

    static List<Script> all() {
        DifferentialScripts s = new DifferentialScripts();
        s.lifecycle();
        s.framing();
        s.argumentErrors();
        s.otherVerbs();
        s.controlLineLimit();
        s.payloadLimit();
        s.closeWithUnreadInput();
        s.connectOptions();
        s.operations();
        s.headers();
        s.subjects();
        s.noResponders();
        s.authorization();
        s.limits();
        return s.scripts;
    }

    private void add(String name, String input) {
        scripts.add(new Script(name, Profile.DEFAULT, input, false));
    }

    private void asIs(String name, String input) {
        scripts.add(new Script(name, Profile.DEFAULT, input, true));
    }

    private void add(Profile profile, String name, String input) {
        scripts.add(new Script(name, profile, input, false));
    }

    private void lifecycle() {
        add("operations before CONNECT use the verbose defaults", "PING\r\nSUB x 1\r\nPUB x 1\r\nz\r\n");
        add("CONNECT {} turns verbose and pedantic on", "CONNECT {}\r\nSUB a.b 1\r\nPUB a.* 1\r\nz\r\nPUB a.b 1\r\nz\r\n");
        add("CONNECT twice is accepted", QUIET + VERBOSE + "SUB x 1\r\n");
        add("nothing at all", "");
        asIs("silence after INFO", "");
    }

    private void framing() {
        add("verbs are case-insensitive", QUIET + "sUb foo 1\r\npUb foo 2\r\nhi\r\nPiNg\r\nping\r\npong\r\n");
        add("tabs and runs of blanks separate arguments", QUIET + "SUB\tfoo \t 1\r\nPUB \t foo\t\t2\r\nhi\r\n");
        add("lines may end in LF alone", "PING\nSUB z 1\nPUB z 1\nx\r\n");
        add("leading blanks before arguments", QUIET + "SUB     foo    1   \r\nPUB foo 1   \r\nx\r\n");
        add("payload longer than announced", QUIET + "PUB foo 2\r\nabc\r\n");
        add("payload followed by LF only", QUIET + "PUB foo 2\r\nab\n\r\n");
        asIs("payload followed by a wrong byte, incomplete", QUIET + "PUB foo 2\r\nabX");
        add("payload of size zero", QUIET + "SUB e 1\r\nPUB e 0\r\n\r\n");
        add("payload containing CRLF", QUIET + "SUB e 1\r\nPUB e 4\r\n\r\n\r\n\r\n");
        add("unknown verb", "FOO bar\r\n");
        asIs("unknown verb without line end", "FOO");
        asIs("unknown verb after a valid prefix, no line end", "PUX");
        add("verb without blank before arguments", QUIET + "SUBfoo 1\r\n");
        add("empty line", "\r\n");
        add("blank line", " \r\n");
        add("carriage return inside a line", QUIET + "SUB foo\r 1\r\n");
        // Once a CR is among the arguments, nats-server drops the byte before the LF, whatever it is.
        add("a CR inside UNSUB arguments ends them early", QUIET + "SUB c 1\r\nUNSUB 1 1\r5\nPUB c 1\r\nx\r\nPUB c 1\r\ny\r\n");
        add("a CR inside SUB arguments ends them early", QUIET + "SUB c 1\r2\nPUB c 1\r\nx\r\n");
        add("a CR inside PUB arguments ends them early", QUIET + "PUB c\r 12\nx\r\n");
        add("a CR inside CONNECT arguments ends them early", "CONNECT {\"verbose\":false}\r}\nSUB c 1\r\n");
        add("a CR inside UNSUB arguments and a CRLF", QUIET + "SUB c 1\r\nUNSUB 1 10\r6\r\n");
        add("control characters in a subject", QUIET + "SUB f\u0001o 1\r\nPUB f\u0001o 1\r\nx\r\n");
        add("PING with trailing junk", "PINGX\r\nPING extra\r\n");
        add("PONG and +OK with trailing junk", "PONG\r\nPONGY\r\n+OK\r\n+OKAY\r\n+ok\r\n");
    }

    private void argumentErrors() {
        add("PUB without arguments", QUIET + "PUB\r\n");
        add("PUB with a blank only", QUIET + "PUB \r\n");
        add("PUB with one argument", QUIET + "PUB foo\r\n");
        add("PUB with four arguments", QUIET + "PUB foo r 1 extra\r\n");
        add("PUB with a negative size", QUIET + "PUB foo -1\r\n");
        add("PUB with a non-numeric size", QUIET + "PUB foo 1x\r\n");
        add("PUB with an overflowing size", QUIET + "PUB foo 99999999999999999999\r\n");
        add("SUB without arguments", QUIET + "SUB\r\n");
        add("SUB with one argument", QUIET + "SUB foo\r\n");
        add("SUB with four arguments", QUIET + "SUB foo q 1 x\r\n");
        add("UNSUB without arguments", QUIET + "UNSUB\r\n");
        add("UNSUB with three arguments", QUIET + "UNSUB 1 2 3\r\n");
        add("UNSUB with a non-numeric max", QUIET + "SUB u 1\r\nUNSUB 1 abc\r\nPUB u 1\r\nx\r\n");
        add("HPUB with one size", HEADERS + "HPUB foo 2\r\n");
        add("HPUB with header size above total", HEADERS + "HPUB foo 15 14\r\n");
        add("HPUB with five arguments", HEADERS + "HPUB foo r 2 2 x\r\n");
    }

    private void otherVerbs() {
        add("client sends INFO", "INFO {\"server_id\":\"x\"}\r\n");
        add("client sends INFO with bad JSON", "INFO garbage\r\n");
        add("client sends INFO without JSON", "INFO\r\n");
        add("client sends INFO null", "INFO null\r\nPING\r\n");
        add("client sends INFO with an array", "INFO []\r\n");
        add("client sends -ERR", "-ERR 'oops'\r\n");
        add("client sends -ERR without text", "-ERR\r\n");
        add("client sends MSG", "MSG foo 1 2\r\nhi\r\n");
        add("client sends RMSG", "RMSG $G foo 2\r\nhi\r\n");
        add("client sends RS+", "RS+ $G foo\r\n");
        add("client sends LS+", "LS+ foo\r\n");
        add("client sends A+", "A+ foo\r\n");
        add("CONNECT without blank before JSON", "CONNECT{\"verbose\":false}\r\nSUB c 1\r\n");
        add("CONNECT without JSON", "CONNECT\r\n");
        add("CONNECT with bad JSON", "CONNECT {bad\r\n");
        add("CONNECT with a JSON array", "CONNECT []\r\n");
        add("CONNECT with JSON null", "CONNECT null\r\n");
        add("CONNECT with trailing junk after JSON", "CONNECT {\"verbose\":false} junk\r\nSUB c 1\r\n");
    }

    private void controlLineLimit() {
        add("arguments of exactly max_control_line", QUIET + "SUB " + "a".repeat(4094) + " 1\r\n");
        add("arguments one byte over max_control_line", QUIET + "SUB " + "a".repeat(4095) + " 1\r\n");
        add("long PUB line", QUIET + "PUB " + "b".repeat(5000) + " 1\r\nx\r\n");
        add("long PING line", "PING " + "x".repeat(5000) + "\r\n");
        add("long CONNECT line", "CONNECT {\"name\":\"" + "n".repeat(5000) + "\"}\r\n");
        asIs("long SUB line without line end", QUIET + "SUB " + "c".repeat(5000));
        asIs("long unterminated argument of exactly the limit", QUIET + "SUB " + "d".repeat(4096));
        asIs("long unterminated argument one over the limit", QUIET + "SUB " + "d".repeat(4097));
    }

    private void payloadLimit() {
        add("payload of exactly max_payload", QUIET + "PUB big 1048576\r\n" + "p".repeat(1048576) + "\r\n");
        add("payload one over max_payload", QUIET + "PUB big 1048577\r\n");
        add("HPUB total over max_payload", HEADERS + "HPUB big 12 1048577\r\n");
        add(Profile.LIMITS, "payload of exactly a small max_payload", QUIET + "SUB s 1\r\nPUB s 16\r\n" + "q".repeat(16) + "\r\n");
        add(Profile.LIMITS, "payload one over a small max_payload", QUIET + "PUB s 17\r\n" + "q".repeat(17) + "\r\n");
        // nats-server stops at the end of its read (512 bytes at first), and its socket resets when
        // the connection closes with bytes left unread: jnats reports that reset as a SocketException.
        add(Profile.LIMITS, "payload over a small max_payload and longer than nats-server's first read",
                QUIET + "PUB s 1001\r\n" + "q".repeat(1001) + "\r\n");
    }

    /** Where nats-server's reads (512 bytes, then 1,024 after a full one) end decides between an end and a reset. */
    private void closeWithUnreadInput() {
        String first = QUIET + "PUB a 900\r\n" + "a".repeat(900) + "\r\n";   // fills the first read
        add("an unknown operation in nats-server's second read, input ending in it",
                first + "XYZ\r\nPUB b 300\r\n" + "b".repeat(300) + "\r\n");
        add("an unknown operation in nats-server's second read, input going on after it",
                first + "XYZ\r\nPUB b 700\r\n" + "b".repeat(700) + "\r\n");
        add("an unknown operation in the first read, input going on after it",
                QUIET + "XYZ\r\nPUB b 700\r\n" + "b".repeat(700) + "\r\n");
    }

    private void connectOptions() {
        add("protocol 1", "CONNECT {\"verbose\":false,\"protocol\":1}\r\n");
        add("protocol 2 is invalid", "CONNECT {\"verbose\":false,\"protocol\":2}\r\n");
        add("protocol -1 is invalid", "CONNECT {\"verbose\":false,\"protocol\":-1}\r\n");
        add("no_responders without headers", "CONNECT {\"verbose\":false,\"no_responders\":true}\r\n");
        add("account in CONNECT", "CONNECT {\"verbose\":false,\"account\":\"A\"}\r\n");
        add("new_account in CONNECT", "CONNECT {\"verbose\":false,\"new_account\":true}\r\n");
        add("an empty account in CONNECT", "CONNECT {\"verbose\":true,\"account\":\"\"}\r\n");
        add("new_account false in CONNECT", "CONNECT {\"verbose\":true,\"new_account\":false}\r\n");
        add("unknown CONNECT fields are ignored", "CONNECT {\"verbose\":false,\"whatever\":[1,{}]}\r\nSUB c 1\r\n");
        add("lang and version are accepted", "CONNECT {\"verbose\":true,\"lang\":\"java\",\"version\":\"1\",\"name\":\"n\"}\r\n");
        add("verbose with a wrong JSON type", "CONNECT {\"verbose\":\"yes\"}\r\n");
        add("JSON field names are case-insensitive", "CONNECT {\"VERBOSE\":false,\"Pedantic\":false}\r\nSUB c 1\r\n");
        add("a JSON null field keeps its default", "CONNECT {\"verbose\":null}\r\nSUB c 1\r\n");
        add("a boolean given as a string", "CONNECT {\"verbose\":\"false\"}\r\n");
        add("a protocol given as a string", "CONNECT {\"verbose\":false,\"protocol\":\"1\"}\r\n");
        add("a protocol given as a fraction", "CONNECT {\"verbose\":false,\"protocol\":1.5}\r\n");
        add("a string field given as a bool", "CONNECT {\"verbose\":false,\"nkey\":true}\r\n");
        add("a string field given as a number", "CONNECT {\"verbose\":false,\"version\":1}\r\n");
        add("a string field given as an object", "CONNECT {\"verbose\":false,\"name\":{}}\r\n");
        add("a huge protocol is an invalid protocol", "CONNECT {\"verbose\":false,\"protocol\":99999999999}\r\n");
        add("HPUB with headers unsupported and too large", QUIET + "HPUB big 12 1048577\r\n");
        add("echo false keeps own messages away", "CONNECT {\"verbose\":false,\"echo\":false}\r\nSUB e 1\r\nPUB e 1\r\nx\r\n");
    }

    private void operations() {
        add("verbose answers every operation", VERBOSE + "SUB v 1\r\nPUB v 1\r\nx\r\nUNSUB 1\r\nPUB v 1\r\nx\r\n");
        add("sids may be any token", QUIET + "SUB foo abc\r\nPUB foo 1\r\nx\r\n");
        add("a reused sid is ignored", QUIET + "SUB one 1\r\nSUB two 1\r\nPUB one 1\r\na\r\nPUB two 1\r\nb\r\n");
        add("a reused sid with verbose", VERBOSE + "SUB one 1\r\nSUB two 1\r\n");
        add("UNSUB with max", QUIET + "SUB m 1\r\nUNSUB 1 2\r\nPUB m 1\r\na\r\nPUB m 1\r\nb\r\nPUB m 1\r\nc\r\n");
        add("UNSUB with max already reached", QUIET + "SUB m 1\r\nPUB m 1\r\na\r\nPUB m 1\r\nb\r\nUNSUB 1 2\r\nPUB m 1\r\nc\r\n");
        add("UNSUB with max zero", QUIET + "SUB m 1\r\nUNSUB 1 0\r\nPUB m 1\r\na\r\n");
        add("UNSUB of an unknown sid", VERBOSE + "UNSUB 99\r\n");
        add("reply subjects are not validated", QUIET + "SUB foo.a 1\r\nPUB foo.a r.* 1\r\nx\r\n");
        add("reserved reply prefix _R_.", VERBOSE + "SUB rr 1\r\nPUB rr _R_.abc 1\r\nx\r\n");
        add("reserved reply prefix $JS.ACK.", QUIET + "SUB rr 1\r\nPUB rr $JS.ACK.x 1\r\nx\r\n");
        add("reserved reply prefix _GR_.", QUIET + "SUB rr 1\r\nPUB rr _GR_.x 1\r\nx\r\n");
        add("reserved subject prefix _GR_.", QUIET + "SUB _GR_.> 1\r\nPUB _GR_.c.s.x 1\r\nx\r\nPUB _GR_ 1\r\ny\r\nPUB _gr_.x 1\r\nz\r\n");
        add("reserved subject and reply _GR_.", QUIET + "SUB rr 1\r\nPUB _GR_.a _GR_.b 1\r\nx\r\n");
        add("reply that only resembles a reserved prefix", QUIET + "SUB rr 1\r\nPUB rr _R_ 1\r\nx\r\n");
        add("queue subscription", QUIET + "SUB q.a grp 7\r\nPUB q.a 1\r\nx\r\n");
        // One queue group per script: nats-server walks several groups in random (Go map) order.
        add("queue names with dots and wildcards", QUIET + "SUB q.b g.* 7\r\nPUB q.b 1\r\nx\r\n");
        add("a queue named >", QUIET + "SUB q.c > 8\r\nPUB q.c 1\r\nx\r\n");
        add("sizes keep their leading zeros", QUIET + "SUB z 1\r\nPUB z 02\r\nhi\r\nPUB z r 0000\r\n\r\n");
        add("a size of ten digits", QUIET + "PUB z 0000000001\r\nx\r\n");
        add("an UNSUB max of ten digits", QUIET + "SUB u 1\r\nUNSUB 1 0000000005\r\nPUB u 1\r\nx\r\n");
        add("publishing to the $GNR. prefix", QUIET + "SUB $GNR.> 1\r\nPUB $GNR.a.b 1\r\nx\r\n");
        add("the _sys_ queue group", QUIET + "SUB foo _sys_ 1\r\nSUB foo _sys 2\r\n");
        add("delivery order follows publish order", QUIET + "SUB o 1\r\nPUB o 1\r\n1\r\nPUB o 1\r\n2\r\nPUB o 1\r\n3\r\n");
    }

    private void headers() {
        add("HPUB delivers HMSG", HEADERS + "SUB h 1\r\nHPUB h rep 20 25\r\nNATS/1.0\r\nX-A: 1\r\n\r\nhello\r\n");
        add("HPUB from a client without headers", QUIET + "HPUB h 12 12\r\nNATS/1.0\r\n\r\n\r\n");
        add("header content is not validated", HEADERS + "SUB h 1\r\nHPUB h 5 5\r\nFOO\r\n\r\n");
        add("HPUB sizes keep their leading zeros", HEADERS + "SUB h 1\r\nHPUB h 012 014\r\nNATS/1.0\r\n\r\nhi\r\n");
        add("client sends HMSG followed by CRLF", VERBOSE + "HMSG foo 1 2 2\r\n\r\n");
        add("client sends HMSG with a payload", VERBOSE + "HMSG foo 1 12 14\r\nNATS/1.0\r\n\r\nhi\r\n");
        add("HPUB with an empty header block", HEADERS + "SUB h 1\r\nHPUB h 0 2\r\nhi\r\n");
    }

    private void subjects() {
        add(">, not last, is an invalid subject", QUIET + "SUB foo.>.a 1\r\nSUB >.a 2\r\nPING\r\n");
        add("empty tokens are invalid subjects", QUIET + "SUB foo..a 1\r\nSUB .foo 2\r\nSUB foo. 3\r\n");
        add("an invalid subject with verbose", VERBOSE + "SUB foo..a 1\r\n");
        add("wildcards inside a token are literal", QUIET + "SUB a*b 1\r\nPUB a*b 1\r\nx\r\nPUB axb 1\r\nx\r\n");
        add("wildcard matching", QUIET + "SUB w.* 1\r\nSUB w.> 2\r\nPUB w.a 1\r\nx\r\nPUB w.a.b 1\r\ny\r\nPUB w 1\r\nz\r\n");
        add("non-pedantic publish to a wildcard subject", QUIET + "SUB p.> 1\r\nPUB p.* 1\r\nx\r\nPUB p..a 1\r\ny\r\n");
        add("pedantic publish to a wildcard subject", PEDANTIC + "SUB p.> 1\r\nPUB p.* 1\r\nx\r\nPUB p..a 1\r\ny\r\nPUB p.ok 1\r\nz\r\n");
        add("pedantic verbose publish to a wildcard subject", "CONNECT {}\r\nSUB p.> 1\r\nPUB p.> 1\r\nx\r\n");
        add("subject validity on SUB", QUIET + "SUB * 1\r\nSUB > 2\r\nSUB foo.*.> 3\r\nSUB f>o 4\r\nSUB foo.* 5\r\n"
                + "SUB *.* 6\r\nSUB >> 7\r\nSUB foo.** 8\r\nPUB foo.x 1\r\nx\r\n");
        add("an invalid subject with a reused sid", VERBOSE + "SUB ok 1\r\nSUB foo..x 1\r\n");
        add("UTF-8 subjects pass through", QUIET + "SUB föö 1\r\nPUB föö 1\r\nx\r\n");
    }

    private void noResponders() {
        String requester = "CONNECT {\"verbose\":false,\"headers\":true,\"no_responders\":true}\r\n";
        add("no responders status for PUB", requester + "SUB _INBOX.z 9\r\nPUB nobody _INBOX.z 0\r\n\r\n");
        add("no responders status for HPUB", requester + "SUB _INBOX.z 9\r\nHPUB nobody _INBOX.z 12 14\r\nNATS/1.0\r\n\r\nhi\r\n");
        add("no responders without a reply subscription", requester + "PUB nobody _INBOX.y 0\r\n\r\n");
        add("no responders with a wildcard reply subscription", requester + "SUB _INBOX.> 3\r\nPUB nobody _INBOX.w 0\r\n\r\n");
        add("no status when someone receives", requester + "SUB _INBOX.z 9\r\nSUB svc 1\r\nPUB svc _INBOX.z 1\r\nx\r\n");
        add("no responders with verbose", "CONNECT {\"verbose\":true,\"headers\":true,\"no_responders\":true}\r\n"
                + "SUB _INBOX.v 9\r\nPUB nobody _INBOX.v 0\r\n\r\n");
        add("no responders with two reply subscriptions", requester + "SUB _INBOX.z 9\r\nSUB _INBOX.* 10\r\nPUB nobody _INBOX.z 0\r\n\r\n");
        add("no responders with a queue reply subscription", requester + "SUB _INBOX.z q 9\r\nPUB nobody _INBOX.z 0\r\n\r\n");
        add("no responders with echo off", "CONNECT {\"verbose\":false,\"headers\":true,\"no_responders\":true,\"echo\":false}\r\n"
                + "SUB _INBOX.z 9\r\nSUB svc 1\r\nPUB svc _INBOX.z 0\r\n\r\n");
        add("no status without no_responders", HEADERS + "SUB _INBOX.z 9\r\nPUB nobody _INBOX.z 0\r\n\r\n");
    }

    private void authorization() {
        add(Profile.AUTH, "PING before CONNECT", "PING\r\n");
        add(Profile.AUTH, "SUB before CONNECT", "SUB foo 1\r\n");
        add(Profile.AUTH, "garbage before CONNECT", "FOO\r\n");
        add(Profile.AUTH, "lower-case connect", "connect {\"verbose\":false,\"user\":\"u\",\"pass\":\"p\"}\r\n");
        add(Profile.AUTH, "good credentials", "CONNECT {\"verbose\":true,\"user\":\"u\",\"pass\":\"p\"}\r\nSUB a 1\r\n");
        add(Profile.AUTH, "wrong password", "CONNECT {\"verbose\":false,\"user\":\"u\",\"pass\":\"x\"}\r\n");
        add(Profile.AUTH, "no credentials", "CONNECT {\"verbose\":false}\r\n");
        add(Profile.AUTH, "bad CONNECT JSON", "CONNECT {\r\n");
        add(Profile.AUTH, "CONNECT with protocol 2 and good credentials",
                "CONNECT {\"verbose\":false,\"protocol\":2,\"user\":\"u\",\"pass\":\"p\"}\r\n");
        add(Profile.AUTH, "CONNECT with protocol 2 and bad credentials",
                "CONNECT {\"verbose\":false,\"protocol\":2,\"user\":\"u\",\"pass\":\"x\"}\r\n");
    }

    private void limits() {
        add(Profile.LIMITS, "subscriptions beyond max_subscriptions", QUIET + "SUB a 1\r\nSUB b 2\r\nSUB c 3\r\nSUB d 4\r\n");
        add(Profile.LIMITS, "max_subscriptions with verbose", VERBOSE + "SUB a 1\r\nSUB b 2\r\nSUB c 3\r\n");
        add(Profile.LIMITS, "a reused sid at max_subscriptions", QUIET + "SUB a 1\r\nSUB b 2\r\nSUB b 2\r\n");
        add(Profile.LIMITS, "a small max_control_line", QUIET + "SUB " + "a".repeat(62) + " 1\r\nSUB " + "a".repeat(63) + " 1\r\n");
        add(Profile.LIMITS, "a small max_control_line and a long CONNECT",
                "CONNECT {\"verbose\":false,\"name\":\"" + "n".repeat(80) + "\"}\r\n");
    }
}
