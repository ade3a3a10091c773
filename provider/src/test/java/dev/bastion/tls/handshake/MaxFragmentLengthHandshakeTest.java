package dev.bastion.tls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.handshake.TestCerts.Kind;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.EncryptedExtensions;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.MaxFragmentLength;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A client's max_fragment_length (RFC 6066 §4), which Bastion's clients never send but constrained
 * clients (and {@code openssl s_client -maxfraglen}) do: the server echoes it, in the TLS 1.2
 * ServerHello or the TLS 1.3 EncryptedExtensions, and limits the records it writes from then on;
 * a server that disabled the extension ignores it.
 */
class MaxFragmentLengthHandshakeTest {
    private final TestCredentials serverCredentials = new TestCredentials()
            .server(TestCerts.credential(Kind.EC_P256, "server"));

    /**
     * Runs {@code p} with max_fragment_length {@code value} added to the client's hello on the way
     * out. The server answers it; Bastion's client, which did not ask, then refuses the echo
     * (unsupported_extension, as RFC 8446 §4.2 and RFC 5246 §7.4.1.4 want).
     */
    private static Pipe asking(Pipe p, int value) {
        p.clientIo.beforeSend = m -> m instanceof ClientHello ch
                ? Tls13HelloRetryTest.withExtensions(ch, ch.extensions().plus(new MaxFragmentLength(value))) : m;
        TlsAlert refused = assertThrows(TlsAlert.class, p::handshake);
        assertEquals(AlertDescription.UNSUPPORTED_EXTENSION, refused.alert());
        return p;
    }

    @Test
    void tls12ServerEchoesAndLimitsItsRecords() {
        Pipe p = asking(Pipe.of(Tls12Configs.client().build(), new TestCredentials(), Tls12Configs.server().build(),
                serverCredentials), 1);
        ServerHello sh = Tls13HandshakeTest.sent(p.serverIo, ServerHello.class);
        assertEquals(Optional.of(new MaxFragmentLength(1)), sh.extensions().get(MaxFragmentLength.class));
        assertEquals(List.of(512), p.serverIo.fragmentLimits);
    }

    @Test
    void tls13ServerEchoesInEncryptedExtensionsAndLimitsItsRecords() {
        Pipe p = asking(Pipe.tls13(TestConfig.client().build(), new TestCredentials(), TestConfig.server().build(),
                serverCredentials), 3);
        EncryptedExtensions ee = Tls13HandshakeTest.sent(p.serverIo, EncryptedExtensions.class);
        assertEquals(Optional.of(new MaxFragmentLength(3)), ee.extensions().get(MaxFragmentLength.class));
        assertFalse(Tls13HandshakeTest.sent(p.serverIo, ServerHello.class).extensions()
                .contains(ExtensionType.MAX_FRAGMENT_LENGTH), "TLS 1.3: in EncryptedExtensions only");
        assertEquals(List.of(2048), p.serverIo.fragmentLimits);
    }

    @Test
    void withoutTheExtensionOrWithItDisabledNothingChanges() {
        Pipe plain = Pipe.tls13(TestConfig.client().build(), new TestCredentials(), TestConfig.server().build(),
                serverCredentials).handshake();
        assertTrue(Tls13HandshakeTest.sent(plain.serverIo, EncryptedExtensions.class).extensions().list().isEmpty());
        assertEquals(List.of(), plain.serverIo.fragmentLimits);
        TestConfig s = TestConfig.server();
        s.disabledExtensions = Set.of(ExtensionType.MAX_FRAGMENT_LENGTH);
        Pipe off = Pipe.tls13(TestConfig.client().build(), new TestCredentials(), s.build(), serverCredentials);
        off.clientIo.beforeSend = m -> m instanceof ClientHello ch
                ? Tls13HelloRetryTest.withExtensions(ch, ch.extensions().plus(new MaxFragmentLength(1))) : m;
        off.handshake();
        assertFalse(Tls13HandshakeTest.sent(off.serverIo, EncryptedExtensions.class).extensions()
                .contains(ExtensionType.MAX_FRAGMENT_LENGTH));
        assertEquals(List.of(), off.serverIo.fragmentLimits);
    }
}
