package dev.bastion.tls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.bastion.tls.crypto.SignatureScheme;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Negotiator#schemeNames} remembers recent lists by content; the answer must not change. */
class SchemeNamesTest {
    private static List<String> direct(List<Integer> codes) {
        List<String> out = new ArrayList<>();
        for (int code : codes) {
            SignatureScheme.fromCode(code).ifPresent(s -> out.add(s.rfcName()));
        }
        return out;
    }

    @Test
    void knownCodesInOrderUnknownOnesLeftOut() {
        List<Integer> codes = List.of(0x0403, 0x0a0a, 0x0804, 0x0401, 0xfefe);
        assertEquals(List.of("ecdsa_secp256r1_sha256", "rsa_pss_rsae_sha256", "rsa_pkcs1_sha256"),
                Negotiator.schemeNames(codes));
        assertEquals(direct(codes), Negotiator.schemeNames(new ArrayList<>(codes)));
    }

    @Test
    void equalListsGiveTheSameSharedList() {
        List<String> a = Negotiator.schemeNames(new ArrayList<>(List.of(0x0403, 0x0503)));
        List<String> b = Negotiator.schemeNames(new ArrayList<>(List.of(0x0403, 0x0503)));
        assertSame(a, b);
    }

    @Test
    void aChangedListIsNotAnsweredFromMemory() {
        List<Integer> codes = new ArrayList<>(List.of(0x0403, 0x0804));
        List<String> before = Negotiator.schemeNames(codes);
        codes.set(1, 0x0805);
        assertEquals(direct(codes), Negotiator.schemeNames(codes));
        assertEquals(List.of("ecdsa_secp256r1_sha256", "rsa_pss_rsae_sha256"), before);
    }

    @Test
    void manyDifferentListsAllAnsweredRight() {
        for (int i = 0; i < 500; i++) {
            List<Integer> codes = List.of(0x0403, 0x0400 + (i % 7), 0x0800 + (i % 13), i);
            assertEquals(direct(codes), Negotiator.schemeNames(codes));
        }
    }
}
