package io.jnatsd.auth;

import io.jnatsd.config.UserOptions;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.security.auth.x500.X500Principal;

/**
 * {@code verify_and_map}: finds the configured user a client certificate names, trying what the
 * certificate offers in nats-server's order: e-mail addresses, DNS names and URIs of the subject
 * alternative names, then the subject itself, first as a distinguished name equal to a user name
 * written as a DN (attribute order matters, spacing and case of attribute types do not), then as
 * the literal RFC 2253 string (e.g. {@code CN=alice,OU=NATS,O=Acme}).
 */
final class CertificateUsers {
    private static final int SAN_EMAIL = 1;
    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;

    private CertificateUsers() {
    }

    /** The user the certificate maps to, or null. */
    static UserOptions find(X509Certificate certificate, Map<String, UserOptions> users) {
        if (certificate == null) {
            return null;
        }
        for (String name : alternativeNames(certificate)) {
            UserOptions user = users.get(name);
            if (user != null) {
                return user;
            }
        }
        X500Principal subject = certificate.getSubjectX500Principal();
        UserOptions byDn = sameDistinguishedName(subject, users.values());
        return byDn != null ? byDn : users.get(subject.getName(X500Principal.RFC2253));
    }

    /** E-mail addresses first, then DNS names, then URIs, each in certificate order. */
    static List<String> alternativeNames(X509Certificate certificate) {
        List<String> out = new ArrayList<>();
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return out;
        }
        if (names == null) {
            return out;
        }
        for (int type : new int[] {SAN_EMAIL, SAN_DNS, SAN_URI}) {
            for (List<?> name : names) {
                if (((Integer) name.get(0)) == type) {
                    out.add((String) name.get(1));
                }
            }
        }
        return out;
    }

    private static UserOptions sameDistinguishedName(X500Principal subject, Collection<UserOptions> users) {
        LdapName certificateDn;
        try {
            certificateDn = new LdapName(subject.getName(X500Principal.RFC2253));
        } catch (InvalidNameException e) {
            return null;
        }
        for (UserOptions user : users) {
            if (user.user() == null || !user.user().contains("=")) {
                continue;
            }
            try {
                if (new LdapName(user.user()).equals(certificateDn)) {
                    return user;
                }
            } catch (InvalidNameException notADn) {
                // a plain user name
            }
        }
        return null;
    }
}
