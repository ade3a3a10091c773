package dev.bastion.tls.conformance.matrix;

import dev.bastion.tls.conformance.interop.TestPki.ServerKey;

/**
 * One cell of the interoperability matrix: the subject (Bastion) in {@code role} against
 * {@code peer}, forced to one version, suite, group and signature scheme, with or without a
 * client certificate, and either a full handshake or a second connection that must resume the
 * first one's session.
 *
 * @param group  the key exchange group; {@link #NONE} for TLS 1.2 RSA key transport
 * @param scheme the server's signature scheme (CertificateVerify in TLS 1.3, ServerKeyExchange in
 *               TLS 1.2); it decides the server certificate's key type; {@link #NONE} for RSA key
 *               transport, which signs nothing (an RSA certificate)
 */
public record MatrixCase(Peer peer, Role role, String version, String suite, String group, String scheme,
        boolean clientAuth, boolean resumed) {
    /** No group / no signature. */
    public static final String NONE = "-";

    public boolean tls12() {
        return version.equals("TLSv1.2");
    }

    /** The server certificate's key type, from the scheme (RSA key transport: RSA). */
    public ServerKey certificate() {
        if (scheme.startsWith("ecdsa_")) {
            return ServerKey.EC;
        }
        return scheme.equals("ed25519") ? ServerKey.ED25519 : ServerKey.RSA;
    }

    /** TLS 1.2 key exchange of the suite: ECDHE, DHE or RSA; "TLS13" for TLS 1.3 suites. */
    public String keyExchange() {
        if (!tls12()) {
            return "TLS13";
        }
        return suite.startsWith("TLS_ECDHE_") ? "ECDHE" : suite.startsWith("TLS_DHE_") ? "DHE" : "RSA";
    }

    /**
     * The groups each side lists, the case's group first (empty: no restriction, RSA key
     * transport). In TLS 1.2 secp256r1 follows when a P-256 key signs (the server's ECDSA
     * certificate or the client's): there the supported groups also bound the curves of ECDSA
     * keys (RFC 8422 §5.1, §5.6), and peers refuse a key whose curve is not listed.
     */
    public java.util.List<String> groups() {
        if (group.equals(NONE)) {
            return java.util.List.of();
        }
        boolean p256 = certificate() == ServerKey.EC || clientAuth;
        return tls12() && p256 && !group.equals("secp256r1") ? java.util.List.of(group, "secp256r1")
                : java.util.List.of(group);
    }

    /** Whether the group can be checked on the wire and in the session (TLS 1.2 DHE parameters are the server's). */
    public boolean groupChecked() {
        return !group.equals(NONE) && !keyExchange().equals("DHE");
    }

    /** Whether the server signs anything the subject's trace can show. */
    public boolean schemeChecked() {
        return !scheme.equals(NONE);
    }

    /** Short text for test names and messages. */
    public String id() {
        return peer.title + " <-> Bastion " + role + ": " + version + " " + suite + " " + group + " " + scheme
                + (clientAuth ? " +client-auth" : "") + (resumed ? " +resumed" : "");
    }
}
