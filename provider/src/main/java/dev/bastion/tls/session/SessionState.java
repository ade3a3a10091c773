package dev.bastion.tls.session;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What both ends remember of a session so that it can be resumed (RFC 5246 §7.4.1.2, RFC 5077
 * §4, RFC 8446 §4.6.1), and what a resumed session shows the application again.
 *
 * <p>Sessions keep their creation time when resumed, so a chain of resumptions never outlives
 * the session timeout of the full handshake that began it.
 *
 * @param version the protocol version's wire code: 0x0303 or 0x0304
 * @param cipherSuite the cipher suite's code
 * @param id TLS 1.2: the session id (what the server's cache is keyed by); TLS 1.3: an
 *     identifier of the client's cached session (empty on a server, which keeps no state)
 * @param secret TLS 1.2: the 48-byte master secret; TLS 1.3: the ticket's resumption PSK
 *     (RFC 8446 §4.6.1). Copied in; {@link #secret()} returns a copy the caller wipes.
 * @param creationTime epoch milliseconds when the full handshake began the session
 * @param extendedMasterSecret TLS 1.2: whether the master secret is the extended one (RFC 7627)
 * @param serverName the host name the client asked for in server_name, lower case; "" for none
 * @param peerCertificates the chain the peer authenticated with; empty for none
 * @param localCertificates the chain this side authenticated with; empty for none
 * @param localSignatureSchemes RFC names ({@code ecdsa_secp256r1_sha256}) of the signature
 *     schemes this side accepted in the full handshake; empty when not known. Only for what
 *     {@code SSLSessionContext.getSession(id)} shows: never part of a ticket, and resumption
 *     does not depend on it.
 * @param peerSignatureSchemes RFC names of the schemes the peer sent in the full handshake;
 *     empty when none or not known (as {@code localSignatureSchemes})
 */
public record SessionState(int version, int cipherSuite, byte[] id, byte[] secret, long creationTime,
        boolean extendedMasterSecret, String serverName, List<X509Certificate> peerCertificates,
        List<X509Certificate> localCertificates, List<String> localSignatureSchemes,
        List<String> peerSignatureSchemes) {

    /** TLS 1.3's wire code. */
    public static final int TLS13 = 0x0304;
    /** TLS 1.2's wire code. */
    public static final int TLS12 = 0x0303;

    public SessionState {
        if (version != TLS13 && version != TLS12) {
            throw new IllegalArgumentException("not a resumable version: 0x" + Integer.toHexString(version));
        }
        if (cipherSuite < 0 || cipherSuite > 0xFFFF || id.length > 32 || secret.length == 0 || secret.length > 255) {
            throw new IllegalArgumentException("bad session state: suite " + cipherSuite + ", id " + id.length
                    + " bytes, secret " + secret.length + " bytes");
        }
        id = Arrays.copyOf(id, id.length);
        secret = Arrays.copyOf(secret, secret.length);
        serverName = serverName.toLowerCase(Locale.ROOT);
        peerCertificates = List.copyOf(peerCertificates);
        localCertificates = List.copyOf(localCertificates);
        localSignatureSchemes = List.copyOf(localSignatureSchemes);
        peerSignatureSchemes = List.copyOf(peerSignatureSchemes);
    }

    /** A session whose signature schemes are not known (a ticket's, or one made by a test). */
    public SessionState(int version, int cipherSuite, byte[] id, byte[] secret, long creationTime,
            boolean extendedMasterSecret, String serverName, List<X509Certificate> peerCertificates,
            List<X509Certificate> localCertificates) {
        this(version, cipherSuite, id, secret, creationTime, extendedMasterSecret, serverName, peerCertificates,
                localCertificates, List.of(), List.of());
    }

    /** A copy of the session id. */
    @Override
    public byte[] id() {
        return Arrays.copyOf(id, id.length);
    }

    /** A copy of the secret; the caller wipes it. */
    @Override
    public byte[] secret() {
        return Arrays.copyOf(secret, secret.length);
    }

    /** The same state with another id. */
    public SessionState withId(byte[] newId) {
        return new SessionState(version, cipherSuite, newId, secret, creationTime, extendedMasterSecret, serverName,
                peerCertificates, localCertificates, localSignatureSchemes, peerSignatureSchemes);
    }

    /** The same session with the signature schemes of {@code local} and {@code peer} (RFC names). */
    public SessionState withSignatureSchemes(List<String> local, List<String> peer) {
        return new SessionState(version, cipherSuite, id, secret, creationTime, extendedMasterSecret, serverName,
                peerCertificates, localCertificates, local, peer);
    }

    /** The same session with another secret (a TLS 1.3 ticket's PSK). */
    public SessionState withSecret(byte[] newSecret) {
        return new SessionState(version, cipherSuite, id, newSecret, creationTime, extendedMasterSecret, serverName,
                peerCertificates, localCertificates, localSignatureSchemes, peerSignatureSchemes);
    }

    /** Whether the id equals {@code other} (not secret: session ids travel in the clear). */
    public boolean hasId(byte[] other) {
        return id.length > 0 && Arrays.equals(id, other);
    }

    /** Whether this session has outlived {@code timeoutSeconds} (0: never) at {@code now}. */
    public boolean expired(long now, int timeoutSeconds) {
        return timeoutSeconds > 0 && now - creationTime >= timeoutSeconds * 1000L;
    }

    /** Wipes the secret; the state must not be used for resumption afterwards. */
    public void wipe() {
        Arrays.fill(secret, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionState s && version == s.version && cipherSuite == s.cipherSuite
                && Arrays.equals(id, s.id) && Arrays.equals(secret, s.secret) && creationTime == s.creationTime
                && extendedMasterSecret == s.extendedMasterSecret && serverName.equals(s.serverName)
                && peerCertificates.equals(s.peerCertificates) && localCertificates.equals(s.localCertificates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, cipherSuite, Arrays.hashCode(id), creationTime, serverName);
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return String.format("SessionState(0x%04x, suite 0x%04x, id %s, created %d%s%s, %d peer certificate(s))",
                version, cipherSuite, HexFormat.of().formatHex(id), creationTime, extendedMasterSecret ? ", EMS" : "",
                serverName.isEmpty() ? "" : ", server name " + serverName, peerCertificates.size());
    }
}
