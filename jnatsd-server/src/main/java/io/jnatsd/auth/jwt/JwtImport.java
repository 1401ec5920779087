package io.jnatsd.auth.jwt;

import io.jnatsd.config.ExportOptions.ExportKind;

/**
 * One import of an account JWT, in the JWT's own terms: {@code subject} is the publisher's
 * subject (the exporter's for a stream, the requester's for a service), {@code to} the legacy
 * other side (a stream's prefix, a service's subject in the exporter), {@code localSubject} the
 * newer mapping (a stream's subject in the importer, a service's subject in the importer while
 * {@code subject} is the exporter's), {@code token} an activation JWT for private exports;
 * {@code share} passes the requester's details to a service's exporter.
 */
public record JwtImport(String name, String subject, String account, String token, String to,
                        String localSubject, ExportKind kind, boolean share) {
    public JwtImport(String name, String subject, String account, String token, String to, String localSubject,
                     ExportKind kind) {
        this(name, subject, account, token, to, localSubject, kind, false);
    }
}
