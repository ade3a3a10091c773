package dev.bastion.tls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.TestCerts.Kind;
import dev.bastion.tls.handshake.tls12.common.SignedParams;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.ServerKeyExchange;
import dev.bastion.tls.message.ServerKeyExchangeParams;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.Opaque;
import java.security.SecureRandom;

/** Shared set-up for the TLS 1.2 check tests: pipes over the standard handshakers, and failure assertions. */
final class Tls12Fixture {
    static final LocalCredential EC = TestCerts.credential(Kind.EC_P256, "server");
    static final LocalCredential RSA = TestCerts.credential(Kind.RSA_2048, "server");
    static final LocalCredential CLIENT_EC = TestCerts.credential(Kind.EC_P256, "client");

    private Tls12Fixture() {
    }

    /** A pipe between the two configurations; the server holds an ECDSA and an RSA certificate. */
    static Pipe pipe(TestConfig client, TestConfig server) {
        return Pipe.of(client.build(), new TestCredentials().client(CLIENT_EC), server.build(),
                new TestCredentials().server(EC, RSA));
    }

    /** Runs the handshake, which must fail on {@code side} with {@code alert}. */
    static TlsAlert fails(Pipe pipe, Side side, AlertDescription alert) {
        TlsAlert a = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(alert, a.alert(), a.getMessage());
        assertEquals(side, pipe.failed, a.getMessage());
        return a;
    }

    /** A ServerKeyExchange with {@code params}, properly signed with {@code scheme} by {@code signer}. */
    static ServerKeyExchange signed(ServerKeyExchangeParams params, SignatureScheme scheme, LocalCredential signer,
            Pipe pipe) {
        ClientHello ch = (ClientHello) pipe.clientIo.outbox.get(0).message();
        ServerHello sh = (ServerHello) pipe.serverIo.outbox.get(0).message();
        byte[] content = SignedParams.content(ch.random().toByteArray(), sh.random().toByteArray(),
                params.encoded().toByteArray());
        return new ServerKeyExchange(params, scheme.code(),
                Opaque.of(scheme.sign(signer.key(), content, new SecureRandom())));
    }
}
