package dev.bastion.tls.trust;

import java.security.PublicKey;
import java.security.interfaces.EdECKey;
import java.security.spec.NamedParameterSpec;
import java.security.cert.X509Certificate;
import java.util.Locale;

/**
 * JSSE key type names as key managers receive them, matched against a certificate chain:
 * a key algorithm ({@code "EC"}, {@code "RSA"}, {@code "RSASSA-PSS"}, {@code "EdDSA"},
 * {@code "Ed25519"}, {@code "DSA"}), or the older {@code "KEY_SIGNER"} form
 * ({@code "EC_RSA"}: an EC key in a certificate signed with RSA) that SunJSSE's key managers
 * also accept. {@code "EdDSA"} covers Ed25519 and Ed448 keys, whichever name their provider
 * gives them.
 */
final class KeyTypes {
    private KeyTypes() {
    }

    /** Whether the end-entity certificate of {@code chain} fits {@code keyType}. */
    static boolean matches(String keyType, X509Certificate[] chain) {
        if (keyType == null || chain.length == 0) {
            return false;
        }
        String keyAlg = keyType;
        String signer = null;
        int sep = keyType.indexOf('_');
        if (sep > 0) {
            keyAlg = keyType.substring(0, sep);
            signer = keyType.substring(sep + 1);
        }
        if (!keyMatches(keyAlg, chain[0].getPublicKey())) {
            return false;
        }
        return signer == null || signedWith(chain[0], signer);
    }

    static boolean keyMatches(String wanted, PublicKey key) {
        String alg = key.getAlgorithm();
        if (alg == null) {
            return false;
        }
        if (wanted.equalsIgnoreCase(alg)) {
            return true;
        }
        String curve = edCurve(key, alg);
        if (curve == null) {
            return false;
        }
        return "EdDSA".equalsIgnoreCase(wanted) || wanted.equalsIgnoreCase(curve);
    }

    /** "Ed25519" or "Ed448" for EdDSA keys (named either way), else null. */
    private static String edCurve(PublicKey key, String alg) {
        if ("Ed25519".equalsIgnoreCase(alg) || "Ed448".equalsIgnoreCase(alg)) {
            return alg;
        }
        if ("EdDSA".equalsIgnoreCase(alg) && key instanceof EdECKey) {
            NamedParameterSpec p = ((EdECKey) key).getParams();
            return p == null ? "EdDSA" : p.getName();
        }
        return null;
    }

    private static boolean signedWith(X509Certificate cert, String signer) {
        String sig = cert.getSigAlgName().toUpperCase(Locale.ROOT);
        String s = signer.toUpperCase(Locale.ROOT);
        if ("EC".equals(s)) {
            return sig.endsWith("WITHECDSA");
        }
        return sig.endsWith("WITH" + s) || sig.equals(s);
    }
}
