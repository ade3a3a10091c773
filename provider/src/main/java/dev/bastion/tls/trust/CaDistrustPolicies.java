package dev.bastion.tls.trust;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The security property {@code jdk.security.caDistrustPolicies}: TLS server certificates issued
 * (notBefore, as a UTC date) after a CA's distrust date and anchored by one of its roots are
 * refused, as the JDK's own trust manager refuses them. The JDK's public {@code CertPathValidator}
 * does not apply these policies (SunJSSE's trust manager does, through its internal validator),
 * so Bastion's trust manager applies them after validating the path.
 *
 * <p>Policies, by the names the JDK's {@code java.security} uses (comma-separated, case-sensitive;
 * blanks around names ignored; unknown names ignored, as the JDK does):
 * <ul>
 * <li>{@code SYMANTEC_TLS}: the legacy Symantec roots (GeoTrust, thawte, VeriSign), after
 *     2019-04-16; through Apple's two exempt subordinate CAs, after 2019-12-31;</li>
 * <li>{@code ENTRUST_TLS}: the five Entrust roots, after 2024-11-11;</li>
 * <li>{@code CAMERFIRMA_TLS}: Camerfirma's Chambers of Commerce Root - 2008, after 2025-04-15;</li>
 * <li>{@code CHUNGHWA_TLS}: Chunghwa Telecom's ePKI Root, after 2026-03-17.</li>
 * </ul>
 * Roots and subordinate CAs are known by the SHA-256 fingerprints of their certificates (the
 * public certificates' fingerprints, as CA/Browser Forum root stores list them).
 *
 * @param policies the policies in force
 */
record CaDistrustPolicies(List<Policy> policies) {
    /** The security property. */
    static final String PROPERTY = "jdk.security.caDistrustPolicies";

    /**
     * One policy.
     *
     * @param name its name in the property
     * @param ca who the roots belong to, for the message
     * @param roots SHA-256 fingerprints (upper-case hex) of the distrusted roots
     * @param after the last notBefore date still trusted
     * @param exemptSubCas fingerprints of CAs directly under a root, with a later last date of their own
     */
    record Policy(String name, String ca, Set<String> roots, LocalDate after, Map<String, LocalDate> exemptSubCas) {
        Policy {
            roots = Set.copyOf(roots);
            exemptSubCas = Map.copyOf(exemptSubCas);
        }
    }

    static final Policy SYMANTEC = new Policy("SYMANTEC_TLS", "Symantec", Set.of(
            "FF856A2D251DCD88D36656F450126798CFABAADE40799C722DE4D2B5DB36A73A", // GeoTrust Global CA
            "37D51006C512EAAB626421F1EC8C92013FC5F82AE98EE533EB4619B8DEB4D06C", // GeoTrust Primary Certification Authority
            "5EDB7AC43B82A06A8761E8D7BE4979EBF2611F7DD79BF91C1C6B566A219ED766", // GeoTrust Primary CA - G2
            "B478B812250DF878635C2AA7EC7D155EAA625EE82916E2CD294361886CD1FBD4", // GeoTrust Primary CA - G3
            "A0459B9F63B22559F5FA5D4C6DB3F9F72FF19342033578F073BF1D1B46CBB912", // GeoTrust Universal CA
            "8D722F81A9C113C0791DF136A2966DB26C950A971DB46B4199F4EA54B78BFB9F", // thawte Primary Root CA
            "A4310D50AF18A6447190372A86AFAF8B951FFB431D837F1E5688B45971ED1557", // thawte Primary Root CA - G2
            "4B03F45807AD70F21BFC2CAE71C9FDE4604C064CF5FFB686BAE5DBAAD7FDD34C", // thawte Primary Root CA - G3
            "3F9F27D583204B9E09C8A3D2066C4B57D3A2479C3693650880505698105DBCE9", // thawte Premium Server CA
            "3A43E220FE7F3EA9653D1E21742EAC2B75C20FD8980305BC502CAF8C2D9B41A1", // VeriSign Class 2 G2
            "A4B6B3996FC2F306B3FD8681BD63413D8C5009CC4FA329C2CCF0E2FA1B140305", // VeriSign Class 3
            "83CE3C1229688A593D485F81973C0F9195431EDA37CC5E36430E79C7A888638B", // VeriSign Class 3 G2
            "EB04CF5EB1F39AFA762F2BB120F296CBA520C1B97DB1589565B81CB9A17B7244", // VeriSign Class 3 G3
            "69DDD7EA90BB57C93E135DC85EA6FCD5480B603239BDC454FC758B2A26CF7F79", // VeriSign Class 3 G4
            "9ACFAB7E43C8D880D06B262A94DEEEE4B4659989C3D0CAF19BAF6405E41AB7DF", // VeriSign Class 3 G5
            "2399561127A57125DE8CEFEA610DDF2FA078B5C8067F4E828290BFB860E84B3C"), // VeriSign Universal Root
            LocalDate.of(2019, 4, 16), Map.of(
                    "AC2B922ECFD5E01711772FEA8ED372DE9D1E2245FCE3F57A9CDBEC77296A424B", LocalDate.of(2019, 12, 31), // Apple IST CA 2 - G1
                    "A4FE7C7F15155F3F0AEF7AAA83CF6E06DEB97CA3F909DF920AC1490882D488ED", LocalDate.of(2019, 12, 31))); // Apple IST CA 8 - G1

    static final Policy ENTRUST = new Policy("ENTRUST_TLS", "Entrust", Set.of(
            "73C176434F1BC6D5ADF45B0E76E727287C8DE57616C1E6E6141A2B2CBC7D8E4C", // Entrust Root Certification Authority
            "02ED0EB28C14DA45165C566791700D6451D7FB56F0B2AB1D3B8EB070E56EDFF5", // - EC1
            "43DF5774B03E7FEF5FE40D931A7BEDF1BB2E6B42738C4E6D3841103D3AA7F339", // - G2
            "DB3517D1F6732A2D5AB97C533EC70779EE3270A62FB4AC4238372460E6F01E88", // - G4
            "6DC47172E01CBCB0BF62580D895FE2B8AC9AD4F873801E0C10B9C837D21EB177"), // Entrust.net CA (2048)
            LocalDate.of(2024, 11, 11), Map.of());

    static final Policy CAMERFIRMA = new Policy("CAMERFIRMA_TLS", "Camerfirma", Set.of(
            "063E4AFAC491DFD332F3089B8542E94617D893D7FE944E10A7937EE29D9693C0"), // Chambers of Commerce Root - 2008
            LocalDate.of(2025, 4, 15), Map.of());

    static final Policy CHUNGHWA = new Policy("CHUNGHWA_TLS", "Chunghwa", Set.of(
            "C0A6F4DC63A24BFDCF54EF2A6A082A0A72DE35803E2FF5FF527AE5D87206DFD5"), // ePKI Root Certification Authority
            LocalDate.of(2026, 3, 17), Map.of());

    static final List<Policy> KNOWN = List.of(SYMANTEC, ENTRUST, CAMERFIRMA, CHUNGHWA);

    CaDistrustPolicies {
        policies = List.copyOf(policies);
    }

    /** The policies the security property {@link #PROPERTY} names, as {@code security} reads it. */
    static CaDistrustPolicies of(UnaryOperator<String> security) {
        return parse(security.apply(PROPERTY));
    }

    /** The known policies {@code value} names, in order; none for null or blank. */
    static CaDistrustPolicies parse(String value) {
        List<Policy> out = new ArrayList<>();
        if (value != null) {
            for (String raw : value.split(",")) {
                String name = raw.trim();
                KNOWN.stream().filter(p -> p.name().equals(name) && !out.contains(p)).findFirst().ifPresent(out::add);
            }
        }
        return new CaDistrustPolicies(out);
    }

    boolean isEmpty() {
        return policies.isEmpty();
    }

    /**
     * Refuses a TLS server's validated {@code path} (end entity first, the anchor not included)
     * ending at {@code anchor} when a policy distrusts it.
     *
     * @throws CertificateException naming the date, the CA and the anchor
     */
    void check(List<X509Certificate> path, X509Certificate anchor) throws CertificateException {
        if (policies.isEmpty() || anchor == null || path.isEmpty()) {
            return;
        }
        String root = fingerprint(anchor);
        for (Policy p : policies) {
            if (!p.roots().contains(root)) {
                continue;
            }
            LocalDate last = p.after();
            if (path.size() >= 2 && !p.exemptSubCas().isEmpty()) {
                last = Optional.ofNullable(p.exemptSubCas().get(fingerprint(path.get(path.size() - 1)))).orElse(last);
            }
            LocalDate issued = LocalDate.ofInstant(path.get(0).getNotBefore().toInstant(), ZoneOffset.UTC);
            if (issued.isAfter(last)) {
                throw new CertificateException("TLS server certificate issued on " + issued + ", after " + last
                        + ", and anchored by a distrusted " + p.ca() + " root CA: " + anchor.getSubjectX500Principal()
                        + " (" + PROPERTY + " " + p.name() + ")");
            }
        }
    }

    /** The SHA-256 fingerprint of {@code cert}'s encoding, upper-case hex. */
    static String fingerprint(X509Certificate cert) throws CertificateException {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new CertificateException("cannot take the fingerprint of " + cert.getSubjectX500Principal(), e);
        }
    }
}
