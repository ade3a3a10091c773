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
 * max_fragment_length (RFC 6066 §4). A client asks for it (Bastion's with
 * {@code jsse.enableMFLNExtension} and a small maximum packet size, as constrained clients and
 * {@code openssl s_client -maxfraglen} do): the server echoes it, in the TLS 1.2 ServerHello or
 * the TLS 1.3 EncryptedExtensions, and both sides limit the records they write from then on; a
 * server that disabled the extension ignores it; a client refuses an echo it did not ask for or
 * that names another length.
 */
class MaxFragmentLengthHandshakeTest {
    private final TestCredentials serverCredentials = new TestCredentials()
            .server(TestCerts.credential(Kind.EC_P256, "server"));

    /**
     * Runs {@code p} with max_fragment_length {@code value} added to the client's hello on the way
     * out. The server answers it; the client, which did not ask, then refuses the echo
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
    private static TestConfig asking(TestConfig client, int bytes) {
        client.maxFragmentLength = bytes;
        return client;
    }

    @Test
    void tls12ClientAsksAndBothSidesLimitTheirRecords() {
        Pipe p = Pipe.of(asking(Tls12Configs.client(), 1024).build(), new TestCredentials(), Tls12Configs.server().build(),
                serverCredentials).handshake();
        assertEquals(Optional.of(new MaxFragmentLength(2)),
                Tls13HandshakeTest.sent(p.clientIo, ClientHello.class).extensions().get(MaxFragmentLength.class));
        assertEquals(Optional.of(new MaxFragmentLength(2)),
                Tls13HandshakeTest.sent(p.serverIo, ServerHello.class).extensions().get(MaxFragmentLength.class));
        assertEquals(List.of(1024), p.serverIo.fragmentLimits);
        assertEquals(List.of(1024), p.clientIo.fragmentLimits);
    }

    @Test
    void tls13ClientAsksAndBothSidesLimitTheirRecords() {
        Pipe p = Pipe.tls13(asking(TestConfig.client(), 4096).build(), new TestCredentials(), TestConfig.server().build(),
                serverCredentials).handshake();
        assertEquals(Optional.of(new MaxFragmentLength(4)),
                Tls13HandshakeTest.sent(p.serverIo, EncryptedExtensions.class).extensions().get(MaxFragmentLength.class));
        assertEquals(List.of(4096), p.serverIo.fragmentLimits);
        assertEquals(List.of(4096), p.clientIo.fragmentLimits);
    }

    /** A server that ignores the request leaves both sides at the usual limit. */
    @Test
    void aServerThatIgnoresTheRequestChangesNothing() {
        TestConfig s = TestConfig.server();
        s.disabledExtensions = Set.of(ExtensionType.MAX_FRAGMENT_LENGTH);
        Pipe p = Pipe.tls13(asking(TestConfig.client(), 512).build(), new TestCredentials(), s.build(),
                serverCredentials).handshake();
        assertTrue(Tls13HandshakeTest.sent(p.clientIo, ClientHello.class).extensions()
                .contains(ExtensionType.MAX_FRAGMENT_LENGTH));
        assertEquals(List.of(), p.clientIo.fragmentLimits);
        assertEquals(List.of(), p.serverIo.fragmentLimits);
    }

    /** RFC 6066 §4: an answer naming another length than the one asked for is illegal_parameter. */
    @Test
    void anotherLengthInTheAnswerIsIllegalParameter() {
        Pipe tls12 = Pipe.of(asking(Tls12Configs.client(), 512).build(), new TestCredentials(), Tls12Configs.server().build(),
                serverCredentials);
        tls12.serverIo.beforeSend = m -> m instanceof ServerHello sh
                ? Tls13HelloRetryTest.withExtensions(sh, sh.extensions().replace(new MaxFragmentLength(4))) : m;
        TlsAlert e = assertThrows(TlsAlert.class, tls12::handshake);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertTrue(e.getMessage().contains("ServerHello max_fragment_length is 4096 bytes; the client asked for 512 bytes"),
                e.getMessage());
        assertEquals(List.of(), tls12.clientIo.fragmentLimits);

        Pipe tls13 = Pipe.tls13(asking(TestConfig.client(), 2048).build(), new TestCredentials(), TestConfig.server().build(),
                serverCredentials);
        tls13.serverIo.beforeSend = m -> m instanceof EncryptedExtensions ee
                ? new EncryptedExtensions(ee.extensions().replace(new MaxFragmentLength(1))) : m;
        e = assertThrows(TlsAlert.class, tls13::handshake);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertTrue(e.getMessage().contains("EncryptedExtensions max_fragment_length is 512 bytes; the client asked for 2048"),
                e.getMessage());
    }

    /** SunJSSE's rule for the length a maximum packet size asks for. */
    @Test
    void theLengthAskedForFollowsTheMaximumPacketSize() {
        assertEquals(0, MaxFragmentLengths.request(0), "no packet size");
        assertEquals(0, MaxFragmentLengths.request(16709), "the default packet size leaves 2^14");
        assertEquals(0, MaxFragmentLengths.request(4096 + 326), "more than 2^12 left");
        assertEquals(4096, MaxFragmentLengths.request(4096 + 325));
        assertEquals(2048, MaxFragmentLengths.request(4096 + 324));
        assertEquals(2048, MaxFragmentLengths.request(2048 + 325));
        assertEquals(1024, MaxFragmentLengths.request(2048 + 324));
        assertEquals(1024, MaxFragmentLengths.request(1024 + 325));
        assertEquals(512, MaxFragmentLengths.request(1024 + 324));
        assertEquals(512, MaxFragmentLengths.request(326), "anything that leaves room asks for the smallest");
        assertEquals(0, MaxFragmentLengths.request(325), "nothing left");
        assertThrows(IllegalArgumentException.class, () -> asking(TestConfig.client(), 1000).build());
    }
}
