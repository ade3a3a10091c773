package dev.bastion.tls.trust;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.NoSuchProviderException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.Provider;
import java.security.Security;
import java.security.cert.CertPath;
import java.security.AlgorithmConstraints;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXCertPathChecker;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * Bastion's X.509 trust manager: PKIX path validation (RFC 5280 §6) by the JDK's
 * {@code CertPathValidator} "PKIX" (the {@code SUN} provider's), then the end-entity checks of
 * TLS ({@link EndEntityUsage}), then endpoint identification ({@link EndpointIdentity}).
 *
 * <ul>
 * <li>The chain the peer sent is put in path order ({@link ChainOrder}); an end-entity
 *     certificate that is itself trusted is accepted while it is within its validity period. A
 *     trusted certificate issues a path only if it is a CA certificate (as SunJSSE requires).</li>
 * <li>The validator applies {@code jdk.certpath.disabledAlgorithms} to every certificate of the
 *     path, except the entries for a TLS use ({@code usage TLSServer}/{@code TLSClient}, with
 *     {@code jdkCA}), which the public validator API cannot see: those are applied after it
 *     ({@link TlsUsageConstraints}); so is {@code jdk.security.caDistrustPolicies} for server chains
 *     ({@link CaDistrustPolicies}). Inside a handshake, each certificate's signature must also use an algorithm this side
 *     offered ({@link CertSignatureChecker}), and the engine's or socket's algorithm constraints
 *     ({@code SSLParameters.setAlgorithmConstraints}) must permit its signature algorithm and
 *     key ({@link ConstraintsChecker}).</li>
 * <li>Revocation checking (OCSP/CRL through the validator) is off unless
 *     {@code com.sun.net.ssl.checkRevocation=true} or the application's {@code PKIXParameters}
 *     ({@code CertPathTrustManagerParameters}) turn it on. OCSP responses the server stapled
 *     (the handshake session's {@code getStatusResponses()}) are given to the revocation
 *     checker first.</li>
 * <li>As SunJSSE: a null or empty chain or authType is an {@link IllegalArgumentException}; a
 *     refusal is a {@link CertificateException} whose cause (a {@code CertPathValidatorException}
 *     with its reason) is kept.</li>
 * </ul>
 */
public final class PkixTrustManager extends X509ExtendedTrustManager {
    /** The keyCertSign bit of the key usage extension (RFC 5280 §4.2.1.3). */
    private static final int KEY_CERT_SIGN = 5;
    private final PKIXParameters template;
    private final Set<X509Certificate> trustedCerts;
    private final Set<X500Principal> anchorSubjects;
    private final int anchorCount;
    /** The {@code usage TLSServer/TLSClient} entries of {@code jdk.certpath.disabledAlgorithms}, read when made. */
    private final TlsUsageConstraints usage;
    /** {@code jdk.security.caDistrustPolicies}, read when made. */
    private final CaDistrustPolicies distrust;
    /** {@code jdk.security.allowNonCaAnchor}, read when made: trusted certificates issue without being CAs. */
    private final boolean allowNonCaAnchor;
    /** The installed provider that checks ECDSA-only paths' signatures, if any ({@link EcdsaPathSignatures}). */
    private final Optional<Provider> signatureProvider;

    private PkixTrustManager(PKIXParameters template, Set<TrustAnchor> anchors) {
        this(template, anchors, TlsUsageConstraints.of(Security::getProperty), CaDistrustPolicies.of(Security::getProperty),
                Optional.empty());
    }

    private PkixTrustManager(PKIXParameters template, Set<TrustAnchor> anchors, TlsUsageConstraints usage,
            CaDistrustPolicies distrust, Optional<Provider> signatureProvider) {
        this.template = template;
        this.signatureProvider = signatureProvider;
        this.usage = usage;
        this.distrust = distrust;
        this.allowNonCaAnchor = allowNonCaAnchor(System::getProperty, Security::getProperty);
        Set<X509Certificate> certs = new LinkedHashSet<>();
        Set<X500Principal> subjects = new HashSet<>();
        for (TrustAnchor a : anchors) {
            if (a.getTrustedCert() != null) {
                certs.add(a.getTrustedCert());
                subjects.add(a.getTrustedCert().getSubjectX500Principal());
            } else {
                subjects.add(a.getCA());
            }
        }
        this.trustedCerts = Collections.unmodifiableSet(certs);
        this.anchorSubjects = Set.copyOf(subjects);
        this.anchorCount = anchors.size();
    }

    /**
     * Trusting the certificate entries of {@code trustStore}, and the end-entity certificate of
     * its key entries (as SunJSSE does), with revocation checking as given.
     */
    public static PkixTrustManager of(KeyStore trustStore, boolean checkRevocation) throws KeyStoreException {
        Set<TrustAnchor> anchors = new LinkedHashSet<>();
        for (String alias : Collections.list(trustStore.aliases())) {
            Certificate c = trustStore.isCertificateEntry(alias) ? trustStore.getCertificate(alias) : firstOfChain(trustStore, alias);
            if (c instanceof X509Certificate) {
                anchors.add(new TrustAnchor((X509Certificate) c, null));
            }
        }
        if (anchors.isEmpty()) {
            return new PkixTrustManager(null, anchors);
        }
        try {
            PKIXParameters p = new PKIXParameters(anchors);
            p.setRevocationEnabled(checkRevocation);
            return new PkixTrustManager(p, anchors);
        } catch (InvalidAlgorithmParameterException e) {
            throw new KeyStoreException("cannot use the trust store's certificates as PKIX trust anchors: " + e.getMessage(), e);
        }
    }

    /** This trust manager with other TLS usage constraints (tests). */
    PkixTrustManager withUsage(TlsUsageConstraints other) {
        Set<TrustAnchor> anchors = template == null ? Set.of() : template.getTrustAnchors();
        return new PkixTrustManager(template, anchors, other, distrust, signatureProvider);
    }

    /** This trust manager with other CA distrust policies (tests). */
    PkixTrustManager withDistrust(CaDistrustPolicies other) {
        Set<TrustAnchor> anchors = template == null ? Set.of() : template.getTrustAnchors();
        return new PkixTrustManager(template, anchors, usage, other, signatureProvider);
    }

    /**
     * This trust manager, with the certificate signatures of ECDSA-only paths checked through
     * the installed provider {@code helper} (see {@link EcdsaPathSignatures}); empty for the JDK's.
     */
    public PkixTrustManager withSignatureProvider(Optional<Provider> helper) {
        Set<TrustAnchor> anchors = template == null ? Set.of() : template.getTrustAnchors();
        return new PkixTrustManager(template, anchors, usage, distrust, Objects.requireNonNull(helper, "helper"));
    }

    /** Validating with a copy of the application's parameters (anchors, revocation, cert stores, checkers, date). */
    public static PkixTrustManager of(PKIXParameters parameters) {
        PKIXParameters p = (PKIXParameters) parameters.clone();
        return new PkixTrustManager(p, p.getTrustAnchors());
    }

    /**
     * Whether {@code jdk.security.allowNonCaAnchor} (the system property, else the security
     * property of that name; JDK-8230318, JDK-8241893) lets a trusted certificate that is not a
     * CA issue certificates, as it lets SunJSSE's trust manager; default false.
     */
    static boolean allowNonCaAnchor(UnaryOperator<String> systemProperties, UnaryOperator<String> securityProperties) {
        String value = systemProperties.apply("jdk.security.allowNonCaAnchor");
        if (value == null) {
            value = securityProperties.apply("jdk.security.allowNonCaAnchor");
        }
        return value != null && "true".equalsIgnoreCase(value.trim());
    }

    /** Whether {@code com.sun.net.ssl.checkRevocation} asks for revocation checking (SunJSSE's switch; default off). */
    public static boolean revocationRequested(UnaryOperator<String> systemProperties) {
        return "true".equalsIgnoreCase(systemProperties.apply("com.sun.net.ssl.checkRevocation"));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType, false, EndpointIdentity.Connection.NONE);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType, true, EndpointIdentity.Connection.NONE);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, authType, false, EndpointIdentity.of(socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, authType, true, EndpointIdentity.of(socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, authType, false, EndpointIdentity.of(engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, authType, true, EndpointIdentity.of(engine));
    }

    /** The trusted certificates (anchors given only as name and key are not listed). */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return trustedCerts.toArray(new X509Certificate[0]);
    }

    private void check(X509Certificate[] chain, String authType, boolean server, EndpointIdentity.Connection connection)
            throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new IllegalArgumentException("null or zero-length certificate chain");
        }
        if (authType == null || authType.isEmpty()) {
            throw new IllegalArgumentException("null or zero-length authentication type");
        }
        validate(chain, connection.session(), connection.constraints(), server);
        if (server) {
            EndEntityUsage.checkServer(chain[0], authType);
        } else {
            EndEntityUsage.checkClient(chain[0]);
        }
        EndpointIdentity.check(connection.algorithm(), connection.session(), server, chain[0]);
    }

    private void validate(X509Certificate[] chain, SSLSession session, AlgorithmConstraints constraints, boolean server)
            throws CertificateException {
        if (template == null) {
            throw new CertificateException("the trust store holds no trusted certificates, so no certificate chain can be "
                    + "trusted (chain of " + chain[0].getSubjectX500Principal() + ")");
        }
        if (trustedCerts.contains(chain[0])) {
            checkValidity(chain[0]);
            if (constraints != null) {
                try {
                    ConstraintsChecker.check(chain[0], constraints);
                } catch (CertPathValidatorException e) {
                    throw new CertificateException(e.getMessage(), e);
                }
            }
            return;
        }
        List<X509Certificate> path = ChainOrder.toAnchor(chain, anchorSubjects, anchorCount);
        PKIXParameters p = (PKIXParameters) template.clone();
        List<String> offered = offeredSignatureAlgorithms(session);
        if (!offered.isEmpty()) {
            p.addCertPathChecker(new CertSignatureChecker(offered));
        }
        if (constraints != null) {
            p.addCertPathChecker(new ConstraintsChecker(constraints));
        }
        boolean helped = EcdsaPathSignatures.offer(p, path, signatureProvider);
        try {
            CertPath cp = CertificateFactory.getInstance("X.509").generateCertPath(path);
            CertPathValidator validator = validator();
            if (p.isRevocationEnabled()) {
                useStapledResponses(p, validator, chain, session);
            }
            PKIXCertPathValidatorResult result = validateOnce(validator, cp, p, helped);
            if (!allowNonCaAnchor) {
                checkAnchorIssues(result.getTrustAnchor());
            }
            if (!usage.isEmpty()) {
                usage.check(path, result.getTrustAnchor().getTrustedCert(), server,
                        p.getDate() != null ? p.getDate().toInstant() : Instant.now());
            }
            if (server) {
                distrust.check(path, result.getTrustAnchor().getTrustedCert());
            }
        } catch (CertPathValidatorException e) {
            throw new CertificateException(explain(e, path), e);
        } catch (GeneralSecurityException e) {
            throw new CertificateException("PKIX path validation could not run: " + e.getMessage(), e);
        }
    }

    /**
     * Validates; if the signature provider {@link EcdsaPathSignatures} named ({@code helped}) was
     * removed from the JVM meanwhile, validates again with the JDK's, rather than fail the
     * handshake for it. A provider the application named itself is never replaced: its absence
     * fails the validation, as with the JDK's trust manager.
     */
    private static PKIXCertPathValidatorResult validateOnce(CertPathValidator validator, CertPath cp, PKIXParameters p,
            boolean helped) throws GeneralSecurityException {
        try {
            return (PKIXCertPathValidatorResult) validator.validate(cp, p);
        } catch (CertPathValidatorException e) {
            if (!helped || !causedBy(e, NoSuchProviderException.class)) {
                throw e;
            }
            p.setSigProvider(null);
            return (PKIXCertPathValidatorResult) validator.validate(cp, p);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Hands the OCSP responses the server stapled (RFC 6066 §8, RFC 8446 §4.4.2.1; the handshake
     * session's {@code getStatusResponses()}, one per certificate of the presented chain) to the
     * validator's revocation checker, as SunJSSE's trust manager does, so that a stapled
     * certificate needs no OCSP request of its own. An application's own
     * {@code PKIXRevocationChecker} in the parameters gets them added; otherwise the validator's
     * default one (OCSP, then CRL) is used with them.
     */
    private static void useStapledResponses(PKIXParameters p, CertPathValidator validator, X509Certificate[] chain,
            SSLSession session) {
        if (!(session instanceof ExtendedSSLSession)) {
            return;
        }
        List<byte[]> responses = ((ExtendedSSLSession) session).getStatusResponses();
        Map<X509Certificate, byte[]> stapled = new HashMap<>();
        for (int i = 0; i < Math.min(chain.length, responses.size()); i++) {
            if (responses.get(i) != null && responses.get(i).length > 0) {
                stapled.put(chain[i], responses.get(i));
            }
        }
        if (stapled.isEmpty()) {
            return;
        }
        List<PKIXCertPathChecker> checkers = new ArrayList<>(p.getCertPathCheckers());
        for (PKIXCertPathChecker c : checkers) {
            if (c instanceof PKIXRevocationChecker) {
                PKIXRevocationChecker own = (PKIXRevocationChecker) c;
                Map<X509Certificate, byte[]> all = new HashMap<>(own.getOcspResponses());
                all.putAll(stapled);
                own.setOcspResponses(all);
                p.setCertPathCheckers(checkers);
                return;
            }
        }
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        checker.setOcspResponses(stapled);
        p.addCertPathChecker(checker);
    }

    private static List<String> offeredSignatureAlgorithms(SSLSession session) {
        if (session instanceof ExtendedSSLSession) {
            String[] algs = ((ExtendedSSLSession) session).getLocalSupportedSignatureAlgorithms();
            if (algs != null) {
                return List.of(algs);
            }
        }
        return List.of();
    }

    /** The SUN provider's PKIX validator (never another provider's); any PKIX validator if SUN is absent. */
    private static CertPathValidator validator() throws GeneralSecurityException {
        return Security.getProvider("SUN") != null ? CertPathValidator.getInstance("PKIX", "SUN")
                : CertPathValidator.getInstance("PKIX");
    }

    /**
     * The trusted certificate that issued the path must be fit to issue certificates, as
     * SunJSSE requires: an X.509 v3 certificate needs basicConstraints with cA set (RFC 5280
     * §4.2.1.9) and, when it has a key usage extension, keyCertSign (§4.2.1.3); a v1 or v2
     * certificate, which has no extensions to say so, and an anchor given as name and key are
     * accepted. Otherwise a pinned server certificate would vouch for whatever its key signed.
     * {@code jdk.security.allowNonCaAnchor=true} turns the check off, as in SunJSSE.
     */
    private static void checkAnchorIssues(TrustAnchor anchor) throws CertPathValidatorException {
        X509Certificate c = anchor.getTrustedCert();
        if (c == null) {
            return;
        }
        if (c.getVersion() >= 3 && c.getBasicConstraints() < 0) {
            throw new CertPathValidatorException("the trusted certificate " + c.getSubjectX500Principal()
                    + " is not a CA certificate (no basicConstraints with cA set), so it cannot issue certificates; "
                    + "it is trusted only as itself", null, null, -1, PKIXReason.NOT_CA_CERT);
        }
        boolean[] ku = c.getKeyUsage();
        if (ku != null && (ku.length <= KEY_CERT_SIGN || !ku[KEY_CERT_SIGN])) {
            throw new CertPathValidatorException("the trusted certificate " + c.getSubjectX500Principal()
                    + " has a key usage without keyCertSign, so it cannot issue certificates", null, null, -1,
                    PKIXReason.INVALID_KEY_USAGE);
        }
    }

    private static void checkValidity(X509Certificate cert) throws CertificateException {
        try {
            cert.checkValidity();
        } catch (CertificateExpiredException e) {
            throw new CertificateExpiredException("certificate " + cert.getSubjectX500Principal() + " expired on "
                    + cert.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new CertificateNotYetValidException("certificate " + cert.getSubjectX500Principal() + " is not valid before "
                    + cert.getNotBefore().toInstant());
        }
    }

    private static String explain(CertPathValidatorException e, List<X509Certificate> path) {
        int i = e.getIndex();
        X509Certificate c = i >= 0 && i < path.size() ? path.get(i) : null;
        String which = c == null ? "" : "certificate " + c.getSubjectX500Principal() + " ";
        CertPathValidatorException.Reason r = e.getReason();
        if (r == BasicReason.EXPIRED && c != null) {
            return "PKIX path validation failed: " + which + "expired on " + c.getNotAfter().toInstant();
        }
        if (r == BasicReason.NOT_YET_VALID && c != null) {
            return "PKIX path validation failed: " + which + "is not valid before " + c.getNotBefore().toInstant();
        }
        if (r == BasicReason.REVOKED) {
            return "PKIX path validation failed: " + which + "has been revoked: " + e.getMessage();
        }
        if (r == BasicReason.ALGORITHM_CONSTRAINED) {
            return "PKIX path validation failed: " + which + "is refused by an algorithm constraint "
                    + "(jdk.certpath.disabledAlgorithms or the handshake's signature algorithms): " + e.getMessage();
        }
        return "PKIX path validation failed: " + which + (which.isEmpty() ? "" : "failed: ") + e.getMessage();
    }

    private static Certificate firstOfChain(KeyStore ks, String alias) throws KeyStoreException {
        if (!ks.isKeyEntry(alias)) {
            return null;
        }
        Certificate[] chain = ks.getCertificateChain(alias);
        return chain == null || chain.length == 0 ? null : chain[0];
    }
}
