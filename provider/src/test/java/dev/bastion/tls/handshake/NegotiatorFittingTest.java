package dev.bastion.tls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.TestCerts.Kind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Negotiator#fitting}: the key manager's choice stands unless its key cannot sign with
 * any scheme both sides accept; the stand-in is another key for the same identity, never
 * another identity; and a key manager that declined gets no certificate chosen for it.
 */
class NegotiatorFittingTest {
    private static final List<SignatureScheme> P384_ONLY = List.of(SignatureScheme.ECDSA_SECP384R1_SHA384);
    private static final LocalCredential ALICE_P256 = TestCerts.credential(Kind.EC_P256, "alice");
    private static final LocalCredential ALICE_P384 = TestCerts.credential(Kind.EC_P384, "alice");
    private static final LocalCredential BOB_P384 = TestCerts.credential(Kind.EC_P384, "bob");

    private static Optional<LocalCredential> fitting(Optional<LocalCredential> chosen, List<SignatureScheme> schemes,
            boolean client, LocalCredential... listed) {
        TestCredentials credentials = new TestCredentials();
        credentials.listed.addAll(List.of(listed));
        return Negotiator.fitting(chosen, schemes, SignatureScheme.TLS13, credentials, List.of(), client);
    }

    @ParameterizedTest(name = "client {0}")
    @ValueSource(booleans = {true, false})
    void anotherKeyOfTheSameIdentityStandsIn(boolean client) {
        assertEquals(Optional.of(ALICE_P384), fitting(Optional.of(ALICE_P256), P384_ONLY, client, BOB_P384, ALICE_P384));
    }

    @ParameterizedTest(name = "client {0}")
    @ValueSource(booleans = {true, false})
    void anotherIdentityNeverStandsIn(boolean client) {
        assertEquals(Optional.of(ALICE_P256), fitting(Optional.of(ALICE_P256), P384_ONLY, client, BOB_P384));
    }

    @ParameterizedTest(name = "client {0}")
    @ValueSource(booleans = {true, false})
    void aKeyManagerThatDeclinedGetsNothing(boolean client) {
        assertEquals(Optional.empty(), fitting(Optional.empty(), P384_ONLY, client, ALICE_P384, BOB_P384));
    }

    @Test
    void aChoiceThatFitsStands() {
        Optional<LocalCredential> chosen = Optional.of(ALICE_P256);
        assertSame(chosen, fitting(chosen, List.of(SignatureScheme.ECDSA_SECP256R1_SHA256,
                SignatureScheme.ECDSA_SECP384R1_SHA384), false, ALICE_P384));
    }
}
