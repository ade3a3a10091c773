package dev.bastion.tls.crypto;

import dev.bastion.tls.diag.Trace;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JCA provider of ECDSA signature verification ({@link EcdsaCertificateVerifier}), installed
 * last in the JVM's list so that it is used only where it is asked for by name: Bastion's trust
 * manager names it as the PKIX validator's signature provider ({@code PKIXParameters.setSigProvider})
 * for certificate paths signed only with ECDSA. The JDK's validator checks every certificate's
 * signature through {@code Signature}; SunEC takes about 0.85 ms (P-256) and 1.8 ms (P-384) on
 * JDK 17 where Bouncy Castle's arithmetic, with the issuer's point kept, takes 0.07 and 0.23 ms.
 *
 * <p>Being last, it is never chosen by {@code Signature.getInstance(algorithm)} while SunEC (or
 * any provider offering ECDSA) is installed, and it declares that it takes only EC public keys,
 * so delayed provider selection never picks it for signing. The {@code spi} layer installs it, and
 * only where the Bastion provider itself is installed from the same class loader.
 */
public final class CertificateSignatureProvider extends Provider {
    private static final long serialVersionUID = 1L;
    private static final Trace TRACE = Trace.get("trust");

    /** The provider's name, {@value}. */
    public static final String NAME = "BastionCertificateSignatures";

    /** The JCA names, their hashes and their OIDs (RFC 5758 §3.2). */
    private static final String[][] ALGORITHMS = {
        {"SHA256withECDSA", "SHA-256", "1.2.840.10045.4.3.2"},
        {"SHA384withECDSA", "SHA-384", "1.2.840.10045.4.3.3"},
        {"SHA512withECDSA", "SHA-512", "1.2.840.10045.4.3.4"},
    };

    CertificateSignatureProvider() {
        super(NAME, "1.0", "Bastion's ECDSA verification of certificate signatures, for Bastion's PKIX trust manager");
        for (String[] a : ALGORITHMS) {
            putService(new Verifier(this, a[0], a[1], a[2]));
        }
    }

    /**
     * How many signatures this JVM has checked with Bouncy Castle's arithmetic through this
     * provider (keys on other curves, handed to another provider, are not counted).
     */
    public static long verifications() {
        return EcdsaCertificateVerifier.fastVerifications();
    }

    /**
     * The provider, once it is in the JVM's provider list: it is added, last, when it is not
     * there. Empty when it cannot be added (a security manager that forbids it) or when
     * a provider of another kind, or this class from another class loader, holds the name.
     */
    public static Optional<Provider> install() {
        Provider present = Security.getProvider(NAME);
        if (present == null) {
            synchronized (CertificateSignatureProvider.class) {
                present = Security.getProvider(NAME);
                if (present == null) {
                    try {
                        int at = Security.addProvider(new CertificateSignatureProvider());
                        TRACE.debug(() -> "added provider " + NAME + " at position " + at
                                + ", for the ECDSA signatures of certificate paths");
                    } catch (SecurityException e) {
                        TRACE.debug(() -> "cannot add provider " + NAME + " (" + e.getMessage()
                                + "): certificate paths keep the JDK's ECDSA");
                        return Optional.empty();
                    }
                    present = Security.getProvider(NAME);
                }
            }
        }
        // only this class loader's copy: another's (a second Bastion jar, perhaps of another version,
        // perhaps of an application since undeployed) is not ours to use or to keep alive
        return present != null && present.getClass() == CertificateSignatureProvider.class ? Optional.of(present) : Optional.empty();
    }

    /** One algorithm's service, built without reflection (the package is not exported). */
    private static final class Verifier extends Provider.Service {
        private final String digestName;

        Verifier(Provider provider, String algorithm, String digestName, String oid) {
            super(provider, "Signature", algorithm, EcdsaCertificateVerifier.class.getName(),
                    List.of(oid, "OID." + oid), Map.of("SupportedKeyClasses", "java.security.interfaces.ECPublicKey",
                            "ImplementedIn", "Software"));
            this.digestName = digestName;
        }

        @Override
        public Object newInstance(Object constructorParameter) {
            return new EcdsaCertificateVerifier(getAlgorithm(), digestName);
        }
    }
}
