package dev.bastion.tls.conformance.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The case lists, the not-yet-implemented switch, and the report's closing line. */
class CaseListTest {
    @Test
    void theSubsetHasEverySuiteGroupSchemeAndClientAuthSettingOfEveryPeerRoleAndVersion() {
        List<MatrixCase> subset = CaseList.subset();
        for (Peer p : Peer.values()) {
            for (Role r : p.bastionRoles) {
                List<MatrixCase> tls13 = of(subset, p, r, "TLSv1.3");
                assertEquals(Set.copyOf(Peer.SUITES13), values(tls13, MatrixCase::suite), p + " " + r);
                assertEquals(Set.copyOf(p.groups13()), values(tls13, MatrixCase::group), p + " " + r);
                assertEquals(Set.copyOf(p.schemes13(r)), values(tls13, MatrixCase::scheme), p + " " + r);
                assertEquals(Set.of(true, false), values(tls13, MatrixCase::clientAuth), p + " " + r);
                assertEquals(Set.of(true, false), values(tls13, MatrixCase::resumed), p + " " + r);
                List<MatrixCase> tls12 = of(subset, p, r, "TLSv1.2");
                assertEquals(Set.copyOf(p.suites12()), values(tls12, MatrixCase::suite), p + " " + r);
                assertEquals(Set.of(true, false), values(tls12, MatrixCase::resumed), p + " " + r);
            }
        }
        assertTrue(CaseList.full().containsAll(subset), "the subset is part of the full matrix");
    }

    @Test
    void theFullMatrixIsTheProductOfTheDimensions() {
        List<MatrixCase> full = CaseList.full();
        Map<Peer, Long> perPeer = full.stream().collect(Collectors.groupingBy(MatrixCase::peer, Collectors.counting()));
        for (Peer p : Peer.values()) {
            long expected = 0;
            for (Role r : p.bastionRoles) {
                expected += 4L * Peer.SUITES13.size() * p.groups13().size() * p.schemes13(r).size();
                for (String suite : p.suites12()) {
                    expected += 4L * p.groups12(suite).size() * Peer.schemes12(suite).size();
                }
            }
            assertEquals(expected, perPeer.get(p), p.title);
        }
        assertEquals(full.size(), Set.copyOf(full).size(), "no case twice");
    }

    @Test
    void casesNeedingWhatBastionLacksAreHeldBackAndOnlyForBastion() {
        for (MatrixCase c : CaseList.full()) {
            boolean lacking = (c.tls12() && NotYetImplemented.IN_BASTION.contains(Feature.TLS12))
                    || (c.resumed() && NotYetImplemented.IN_BASTION.contains(Feature.RESUMPTION));
            Optional<String> reason = NotYetImplemented.reason(c, "Bastion");
            assertEquals(lacking, reason.isPresent(), c.id());
            reason.ifPresent(s -> assertTrue(s.startsWith("not yet implemented (issue "), s));
            assertEquals(Optional.empty(), NotYetImplemented.reason(c, "SunJSSE"));
        }
    }

    @Test
    void tls12ListsSecp256r1WheneverAP256KeySigns() {
        MatrixCase ecdsa = new MatrixCase(Peer.OPENSSL, Role.CLIENT, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                "x25519", "ecdsa_secp256r1_sha256", false, false);
        assertEquals(List.of("x25519", "secp256r1"), ecdsa.groups());
        MatrixCase rsaWithClientCert = new MatrixCase(Peer.OPENSSL, Role.CLIENT, "TLSv1.2",
                "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "ffdhe2048", "rsa_pss_rsae_sha256", true, false);
        assertEquals(List.of("ffdhe2048", "secp256r1"), rsaWithClientCert.groups());
        MatrixCase tls13 = new MatrixCase(Peer.OPENSSL, Role.CLIENT, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "x448",
                "ecdsa_secp256r1_sha256", true, false);
        assertEquals(List.of("x448"), tls13.groups());
        MatrixCase rsaTransport = new MatrixCase(Peer.OPENSSL, Role.CLIENT, "TLSv1.2", "TLS_RSA_WITH_AES_128_GCM_SHA256",
                MatrixCase.NONE, MatrixCase.NONE, false, false);
        assertEquals(List.of(), rsaTransport.groups());
    }

    @Test
    void theReportEndsWithTheClosingLine() {
        MatrixCase a = CaseList.subset().get(0);
        MatrixCase b = CaseList.subset().get(1);
        MatrixCase c = CaseList.subset().get(2);
        String text = MatrixReport.render("subset", "Bastion", true, List.of("OpenSSL 3"),
                new java.util.LinkedHashMap<>(Map.of(a, Outcome.passed(""), b, Outcome.failed("why | not"),
                        c, Outcome.skipped("not yet implemented (issue 4: TLS 1.2)"))), java.time.Duration.ofSeconds(3));
        assertTrue(text.endsWith("\n1 passed, 1 failed\n"), text);
        assertTrue(text.contains("1 skipped"), text);
        assertTrue(text.contains("| failed | why \\| not |"), "cells escape the table separator:\n" + text);
    }

    private static List<MatrixCase> of(List<MatrixCase> cases, Peer p, Role r, String version) {
        return cases.stream().filter(c -> c.peer() == p && c.role() == r && c.version().equals(version)).toList();
    }

    private static <T> Set<T> values(List<MatrixCase> cases, Function<MatrixCase, T> f) {
        return cases.stream().map(f).collect(Collectors.toSet());
    }
}
