package dev.bastion.tls.message;

import dev.bastion.tls.message.ext.Codes;
import dev.bastion.tls.message.ext.Opaque;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A handshake message written out the way Wireshark's packet details show it, for the
 * handshake trace ({@link HandshakeTrace}): the handshake type and length, then every field
 * with names for code points (versions, cipher suites, groups, signature schemes), random,
 * session id, certificates (subject, issuer, key), and each extension decoded
 * ({@link ExtensionDissector}). TLS 1.3 and TLS 1.2 messages alike. Byte strings longer than
 * 32 bytes are abbreviated.
 *
 * <pre>
 * Handshake Protocol: Client Hello
 *     Handshake Type: Client Hello (1)
 *     Length: 192
 *     Version: TLSv1.2(0x0303)
 *     Random: cb34ecb1...
 *     ...
 *     Extension: key_share (len=38)
 *         Type: key_share(51)
 *         Length: 38
 *         Client Key Share Length: 36
 *         Key Share Entry: Group: x25519(0x001d), Key Exchange length: 32
 * </pre>
 */
public final class Dissector {
    private Dissector() {
    }

    /** The dissection of {@code m}, several lines, no trailing newline. */
    public static String dissect(HandshakeMessage m) {
        Dissection d = new Dissection();
        String title = title(m);
        d.open("Handshake Protocol: " + title);
        d.field("Handshake Type", spaced(m.type().messageName()) + " (" + m.type().code() + ")");
        d.field("Length", m.encoding().length - 4);
        body(d, m);
        return d.close().toString();
    }

    /** {@code Server Hello}, {@code Hello Retry Request}, {@code Certificate (TLS 1.2)}... */
    static String title(HandshakeMessage m) {
        if (m instanceof ServerHello sh && sh.isHelloRetryRequest()) {
            return "Hello Retry Request";
        }
        boolean tls12Form = m instanceof Certificate12 || m instanceof CertificateRequest12
                || m instanceof NewSessionTicket12;
        return spaced(m.type().messageName()) + (tls12Form ? " (TLS 1.2)" : "");
    }

    private static void body(Dissection d, HandshakeMessage m) {
        if (m instanceof ClientHello x) {
            clientHello(d, x);
        } else if (m instanceof ServerHello x) {
            serverHello(d, x);
        } else if (m instanceof EncryptedExtensions x) {
            ExtensionDissector.block(d, x.extensions());
        } else if (m instanceof Certificate x) {
            certificate13(d, x);
        } else if (m instanceof Certificate12 x) {
            d.field("Certificates Length", x.certificates().stream().mapToInt(c -> 3 + c.length()).sum());
            x.certificates().forEach(c -> certificate(d, c).close());
        } else if (m instanceof CertificateRequest x) {
            d.lengthAndBytes("Certificate Request Context", x.certificateRequestContext());
            ExtensionDissector.block(d, x.extensions());
        } else if (m instanceof CertificateRequest12 x) {
            certificateRequest12(d, x);
        } else if (m instanceof CertificateVerify x) {
            signature(d, x.signatureScheme(), x.signature());
        } else if (m instanceof Finished x) {
            d.field("Verify Data", x.verifyData());
        } else if (m instanceof ServerKeyExchange x) {
            serverKeyExchange(d, x);
        } else if (m instanceof ClientKeyExchange x) {
            clientKeyExchange(d, x);
        } else {
            rest(d, m);
        }
    }

    private static void rest(Dissection d, HandshakeMessage m) {
        if (m instanceof NewSessionTicket x) {
            d.field("Ticket Lifetime", x.ticketLifetime() + " seconds");
            d.field("Ticket Age Add", x.ticketAgeAdd());
            d.lengthAndBytes("Ticket Nonce", x.ticketNonce());
            d.lengthAndBytes("Session Ticket", x.ticket());
            ExtensionDissector.block(d, x.extensions());
        } else if (m instanceof NewSessionTicket12 x) {
            d.field("Session Ticket Lifetime Hint", x.ticketLifetimeHint() + " seconds");
            d.lengthAndBytes("Session Ticket", x.ticket());
        } else if (m instanceof CertificateStatus x) {
            d.field("Certificate Status Type", "OCSP (1)");
            d.lengthAndBytes("OCSP Response", x.ocspResponse());
        } else if (m instanceof KeyUpdate x) {
            d.field("Key Update Request", x.updateRequested() ? "update_requested (1)" : "update_not_requested (0)");
        } else if (m instanceof MessageHash x) {
            d.field("Hash", x.hash());
        }
        // ServerHelloDone, HelloRequest, EndOfEarlyData: empty bodies
    }

    private static void clientHello(Dissection d, ClientHello x) {
        d.field("Version", Codes.version(x.legacyVersion()));
        d.field("Random", x.random());
        d.lengthAndBytes("Session ID", x.legacySessionId());
        d.codes("Cipher Suites", "Cipher Suite", x.cipherSuites(), 2 * x.cipherSuites().size(), Codes::suite);
        d.codes("Compression Methods", "Compression Method", x.legacyCompressionMethods(),
                x.legacyCompressionMethods().size(), c -> c == 0 ? "null (0)" : "unknown (" + c + ")");
        ExtensionDissector.block(d, x.extensions());
    }

    private static void serverHello(Dissection d, ServerHello x) {
        d.field("Version", Codes.version(x.legacyVersion()));
        String note = x.isHelloRetryRequest() ? " (HelloRetryRequest: SHA-256 of \"HelloRetryRequest\")"
                : x.hasTls12DowngradeSentinel() ? " (ends with DOWNGRD 01: a TLS 1.3 server negotiated TLS 1.2)"
                : x.hasTls11DowngradeSentinel() ? " (ends with DOWNGRD 00: a TLS 1.3 server negotiated TLS 1.1 or below)"
                : "";
        d.field("Random", x.random().hex() + note);
        d.lengthAndBytes("Session ID", x.legacySessionIdEcho());
        d.field("Cipher Suite", Codes.suite(x.cipherSuite()));
        d.field("Compression Method", x.legacyCompressionMethod() == 0 ? "null (0)"
                : "unknown (" + x.legacyCompressionMethod() + ")");
        ExtensionDissector.block(d, x.extensions());
    }

    private static void certificate13(Dissection d, Certificate x) {
        d.lengthAndBytes("Certificate Request Context", x.certificateRequestContext());
        List<CertificateEntry> entries = x.entries();
        if (entries.isEmpty()) {
            d.line("(no certificates)");
        }
        for (CertificateEntry e : entries) {
            certificate(d, e.data());
            ExtensionDissector.block(d, e.extensions());
            d.close();
        }
    }

    /** Opens a {@code Certificate (n bytes)} node with what the certificate says; the caller closes it. */
    private static Dissection certificate(Dissection d, Opaque der) {
        d.open("Certificate (" + der.length() + " bytes)");
        try {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der.toByteArray()));
            d.field("Subject", c.getSubjectX500Principal().getName());
            d.field("Issuer", c.getIssuerX500Principal().getName());
            d.field("Serial Number", c.getSerialNumber().toString(16));
            d.field("Public Key", c.getPublicKey().getAlgorithm());
            d.field("Signature Algorithm", c.getSigAlgName());
            d.field("Validity", c.getNotBefore().toInstant() + " .. " + c.getNotAfter().toInstant());
        } catch (CertificateException | RuntimeException e) {
            d.field("Data", der + " (not a certificate this JDK can read: " + e.getMessage() + ")");
        }
        return d;
    }

    private static void certificateRequest12(Dissection d, CertificateRequest12 x) {
        d.codes("Certificate types", "Certificate type", x.certificateTypes(), x.certificateTypes().size(),
                Dissector::certificateType);
        d.codes("Signature Hash Algorithms", "Signature Algorithm", x.signatureAlgorithms(),
                2 * x.signatureAlgorithms().size(), Codes::scheme);
        d.field("Distinguished Names Length", x.certificateAuthorities().stream().mapToInt(n -> 2 + n.length()).sum());
        for (Opaque n : x.certificateAuthorities()) {
            d.field("Distinguished Name", ExtensionDissector.distinguishedName(n));
        }
    }

    private static void serverKeyExchange(Dissection d, ServerKeyExchange x) {
        if (x.params() instanceof EcdheParams ec) {
            d.open("EC Diffie-Hellman Server Params");
            d.field("Curve Type", "named_curve (0x03)");
            d.field("Named Curve", Codes.group(ec.namedCurve()));
            d.lengthAndBytes("Pubkey", ec.point());
        } else if (x.params() instanceof DheParams dh) {
            d.open("Diffie-Hellman Server Params");
            d.field("p Length", dh.p().length() + " (" + 8 * dh.p().length() + " bits)");
            d.field("p", dh.p());
            d.lengthAndBytes("g", dh.g());
            d.lengthAndBytes("Pubkey", dh.ys());
        }
        signature(d, x.signatureScheme(), x.signature());
        d.close();
    }

    private static void clientKeyExchange(Dissection d, ClientKeyExchange x) {
        String title = switch (x.kind()) {
            case ECDHE -> "EC Diffie-Hellman Client Params";
            case DHE -> "Diffie-Hellman Client Params";
            default -> "RSA Encrypted PreMaster Secret";
        };
        d.open(title);
        d.lengthAndBytes(x.kind() == KeyExchangeKind.RSA ? "Encrypted PreMaster" : "Pubkey", x.exchangeKeys());
        d.close();
    }

    private static void signature(Dissection d, int scheme, Opaque signature) {
        d.field("Signature Algorithm", Codes.scheme(scheme));
        d.lengthAndBytes("Signature", signature);
    }

    /** RFC 5246 §7.4.4, RFC 8422 §5.5. */
    private static String certificateType(int type) {
        return switch (type) {
            case CertificateRequest12.RSA_SIGN -> "rsa_sign (1)";
            case 2 -> "dss_sign (2)";
            case CertificateRequest12.ECDSA_SIGN -> "ecdsa_sign (64)";
            default -> "unknown (" + type + ")";
        };
    }

    /** {@code ClientHello} → {@code Client Hello}. */
    private static String spaced(String camel) {
        return camel.replaceAll("(?<=[a-z])(?=[A-Z])", " ");
    }
}
