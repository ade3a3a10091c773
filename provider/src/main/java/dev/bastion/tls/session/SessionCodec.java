package dev.bastion.tls.session;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.codec.Writer;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server's encoding of a {@link SessionState}: what its session cache keeps per session and
 * what a ticket seals (RFC 5077 §4 leaves the contents to the server). Compact: a TLS 1.2
 * session without client authentication takes about 70 bytes plus the server name.
 * <pre>
 * uint8  format = 1;
 * uint16 version; uint16 cipher_suite;
 * uint8  flags;                         bit 0: extended master secret
 * uint64 creation_time;                 epoch milliseconds
 * opaque secret&lt;1..255&gt;;
 * opaque server_name&lt;0..255&gt;;          ASCII, lower case
 * uint64 local_chain;                   fingerprint (see LocalChains), 0 for none
 * opaque peer_certificates&lt;0..2^24-1&gt;;  each: opaque cert_data&lt;1..2^24-1&gt; (DER)
 * tickets only: uint32 ticket_age_add; uint64 issued_at;
 * cache only:   uint8 local_schemes; uint8 peer_schemes;   indices (see SchemeLists), 0 for none
 * </pre>
 * The session id is not part of it (the cache keys by it; a TLS 1.2 ticket resumes under the
 * id the client sends). Decoding never throws: anything malformed (a bug, or contents from
 * another version of this format) is empty, so the handshake falls back to a full one.
 */
public final class SessionCodec {
    static final int FORMAT = 1;
    /** Where creation_time starts in an encoding. */
    static final int CREATION_TIME_OFFSET = 6;

    /** A ticket's contents: the session, and when and how its TLS 1.3 ticket was issued. */
    public record Ticket(SessionState state, long ageAdd, long issuedAt) {
    }

    private final LocalChains chains;
    private final SchemeLists schemes = new SchemeLists();

    SessionCodec(LocalChains chains) {
        this.chains = chains;
    }

    /** The encoding kept in the session cache. */
    byte[] encode(SessionState s) {
        Writer w = new Writer(96);
        write(w, s);
        w.u8(schemes.index(s.localSignatureSchemes()));
        w.u8(schemes.index(s.peerSignatureSchemes()));
        return w.toByteArray();
    }

    /** The contents of a ticket. */
    byte[] encodeTicket(SessionState s, long ageAdd, long issuedAt) {
        Writer w = new Writer(128);
        write(w, s);
        w.u32(ageAdd);
        w.u64(issuedAt);
        return w.toByteArray();
    }

    /** A cached session back, under {@code id}; empty when malformed. */
    Optional<SessionState> decode(byte[] encoding, byte[] id) {
        try {
            Reader r = Reader.of(encoding).named("cached session");
            SessionState s = read(r, id);
            List<String> local = schemes.list(r.u8("local_schemes"));
            List<String> peer = schemes.list(r.u8("peer_schemes"));
            r.end("cached session");
            return Optional.of(s.withSignatureSchemes(local, peer));
        } catch (TlsAlert | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A ticket's contents back; empty when malformed. */
    Optional<Ticket> decodeTicket(byte[] contents) {
        try {
            Reader r = Reader.of(contents).named("ticket");
            SessionState s = read(r, new byte[0]);
            Ticket t = new Ticket(s, r.u32("ticket_age_add"), r.u64("issued_at"));
            r.end("ticket");
            return Optional.of(t);
        } catch (TlsAlert | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void write(Writer w, SessionState s) {
        w.u8(FORMAT);
        w.u16(s.version());
        w.u16(s.cipherSuite());
        w.u8(s.extendedMasterSecret() ? 1 : 0);
        w.u64(s.creationTime());
        byte[] secret = s.secret();
        w.opaque8(secret);
        java.util.Arrays.fill(secret, (byte) 0);
        w.opaque8(s.serverName().getBytes(StandardCharsets.US_ASCII));
        w.u64(chains.id(s.localCertificates()));
        w.vec24(v -> {
            for (X509Certificate c : s.peerCertificates()) {
                v.opaque24(der(c));
            }
        });
    }

    private SessionState read(Reader r, byte[] id) {
        if (r.u8("format") != FORMAT) {
            throw r.error("format", "not format " + FORMAT);
        }
        int version = r.u16("version");
        int suite = r.u16("cipher_suite");
        int flags = r.u8("flags");
        long created = r.u64("creation_time");
        byte[] secret = r.opaque8(1, 255, "secret");
        String name = new String(r.opaque8(0, 255, "server_name"), StandardCharsets.US_ASCII);
        List<X509Certificate> local = chains.chain(r.u64("local_chain"));
        Reader certs = r.vec24(0, 0xFFFFFF, "peer_certificates");
        List<X509Certificate> peer = new ArrayList<>();
        while (certs.hasRemaining()) {
            peer.add(certificate(certs.opaque24(1, 0xFFFFFF, "cert_data")));
        }
        try {
            return new SessionState(version, suite, id, secret, created, (flags & 1) != 0, name, peer, local);
        } finally {
            java.util.Arrays.fill(secret, (byte) 0);
        }
    }

    private static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode " + c.getSubjectX500Principal(), e);
        }
    }

    private static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | ClassCastException e) {
            throw new IllegalArgumentException("not a certificate", e);
        }
    }
}
