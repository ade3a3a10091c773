package dev.bastion.tls.trust;

import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

/**
 * Whether an end-entity certificate may be used for TLS server or client authentication, from
 * its key usage (RFC 5280 §4.2.1.3) and extended key usage (RFC 5280 §4.2.1.12) extensions. An
 * absent extension permits everything, as RFC 5280 says.
 *
 * <ul>
 * <li>Extended key usage: a server needs {@code id-kp-serverAuth}, a client
 *     {@code id-kp-clientAuth}; {@code anyExtendedKeyUsage} permits both, and for servers the
 *     two historical "server gated cryptography" purposes are accepted as SunJSSE accepts them.</li>
 * <li>Key usage of a server certificate, by the handshake's authentication type:
 *     {@code keyEncipherment} for RSA key transport ({@code "RSA"}, RFC 5246 §7.4.7.1),
 *     {@code keyAgreement} for static (EC)DH ({@code "DH_RSA"}, {@code "DH_DSS"},
 *     {@code "ECDH_RSA"}, {@code "ECDH_ECDSA"}), {@code digitalSignature} for everything else
 *     (TLS 1.3's {@code "UNKNOWN"}, the ephemeral key exchanges of TLS 1.2). A client signs
 *     CertificateVerify, so its certificate needs {@code digitalSignature}.</li>
 * </ul>
 */
final class EndEntityUsage {
    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    static final String ANY_USAGE = "2.5.29.37.0";
    static final String NETSCAPE_SGC = "2.16.840.1.113730.4.1";
    static final String MICROSOFT_SGC = "1.3.6.1.4.1.311.10.3.3";

    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_AGREEMENT = 4;
    private static final String[] KEY_USAGE_NAMES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
        "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};

    private EndEntityUsage() {
    }

    /** @throws CertificateException when {@code leaf} may not authenticate a TLS server with {@code authType} */
    static void checkServer(X509Certificate leaf, String authType) throws CertificateException {
        List<String> eku = extendedKeyUsage(leaf);
        if (eku != null && !eku.contains(SERVER_AUTH) && !eku.contains(ANY_USAGE) && !eku.contains(NETSCAPE_SGC)
                && !eku.contains(MICROSOFT_SGC)) {
            throw new CertificateException("certificate " + leaf.getSubjectX500Principal() + " is not allowed for TLS server "
                    + "authentication: its extended key usage lists " + describe(eku) + " but not serverAuth (" + SERVER_AUTH + ")");
        }
        int bit = serverKeyUsageBit(authType);
        requireKeyUsage(leaf, bit, "TLS server authentication with " + authType);
    }

    /** @throws CertificateException when {@code leaf} may not authenticate a TLS client */
    static void checkClient(X509Certificate leaf) throws CertificateException {
        List<String> eku = extendedKeyUsage(leaf);
        if (eku != null && !eku.contains(CLIENT_AUTH) && !eku.contains(ANY_USAGE)) {
            throw new CertificateException("certificate " + leaf.getSubjectX500Principal() + " is not allowed for TLS client "
                    + "authentication: its extended key usage lists " + describe(eku) + " but not clientAuth (" + CLIENT_AUTH + ")");
        }
        requireKeyUsage(leaf, DIGITAL_SIGNATURE, "TLS client authentication");
    }

    /** For key selection: whether {@code leaf} is fit for a TLS server (any signing or RSA key transport) or client. */
    static boolean fit(X509Certificate leaf, boolean server) {
        try {
            if (server) {
                checkServer(leaf, "UNKNOWN");
            } else {
                checkClient(leaf);
            }
            return true;
        } catch (CertificateException e) {
            return server && rsaKeyTransportFit(leaf);
        }
    }

    private static boolean rsaKeyTransportFit(X509Certificate leaf) {
        try {
            checkServer(leaf, "RSA");
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }

    private static int serverKeyUsageBit(String authType) {
        switch (authType.toUpperCase(Locale.ROOT)) {
            case "RSA":
                return KEY_ENCIPHERMENT;
            case "DH_RSA":
            case "DH_DSS":
            case "ECDH_RSA":
            case "ECDH_ECDSA":
                return KEY_AGREEMENT;
            default:
                return DIGITAL_SIGNATURE;
        }
    }

    private static void requireKeyUsage(X509Certificate leaf, int bit, String purpose) throws CertificateException {
        boolean[] ku = leaf.getKeyUsage();
        if (ku != null && (ku.length <= bit || !ku[bit])) {
            throw new CertificateException("certificate " + leaf.getSubjectX500Principal() + " is not allowed for " + purpose
                    + ": its key usage lists " + describe(ku) + " but not " + KEY_USAGE_NAMES[bit]);
        }
    }

    private static List<String> extendedKeyUsage(X509Certificate leaf) throws CertificateException {
        try {
            return leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new CertificateException("certificate " + leaf.getSubjectX500Principal()
                    + " has a malformed extended key usage extension", e);
        }
    }

    private static String describe(List<String> eku) {
        StringBuilder sb = new StringBuilder("[");
        for (String oid : eku) {
            sb.append(sb.length() > 1 ? ", " : "").append(name(oid));
        }
        return sb.append(']').toString();
    }

    private static String name(String oid) {
        switch (oid) {
            case SERVER_AUTH:
                return "serverAuth";
            case CLIENT_AUTH:
                return "clientAuth";
            case "1.3.6.1.5.5.7.3.3":
                return "codeSigning";
            case "1.3.6.1.5.5.7.3.4":
                return "emailProtection";
            case "1.3.6.1.5.5.7.3.8":
                return "timeStamping";
            case "1.3.6.1.5.5.7.3.9":
                return "OCSPSigning";
            default:
                return oid;
        }
    }

    private static String describe(boolean[] ku) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ku.length && i < KEY_USAGE_NAMES.length; i++) {
            if (ku[i]) {
                sb.append(sb.length() > 1 ? ", " : "").append(KEY_USAGE_NAMES[i]);
            }
        }
        return sb.append(']').toString();
    }
}
