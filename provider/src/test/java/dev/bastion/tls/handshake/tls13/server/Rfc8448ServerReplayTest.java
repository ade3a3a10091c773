package dev.bastion.tls.handshake.tls13.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.TrafficKeys;
import dev.bastion.tls.handshake.Handshaker;
import dev.bastion.tls.handshake.ScriptedRandom;
import dev.bastion.tls.handshake.TestCerts;
import dev.bastion.tls.handshake.TestConfig;
import dev.bastion.tls.handshake.TestCredentials;
import dev.bastion.tls.handshake.TestIo;
import dev.bastion.tls.message.EncryptedExtensions;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.MessageDecoder;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.testutil.NamedHex;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server answers RFC 8448 §3's ClientHello, with the RFC's server random and x25519
 * private key injected through a {@link ScriptedRandom} (the server draws its random, then its
 * key share). Its ServerHello must be the RFC's byte for byte, and so must the handshake
 * traffic secrets and keys.
 *
 * <p>The comparison stops there. The RFC's server (NSS) puts supported_groups and
 * record_size_limit into EncryptedExtensions; Bastion sends neither (it acknowledges the
 * server_name, as the RFC's server does), so the transcripts part at EncryptedExtensions and
 * nothing derived later (CertificateVerify, whose RSA-PSS signature is randomized anyway,
 * Finished, application keys) can match. The certificate is a fresh RSA one, not the RFC's.
 */
class Rfc8448ServerReplayTest {
    private static final NamedHex S3 = NamedHex.load("/rfc8448/section3.txt");

    @Test
    void serverHelloAndHandshakeKeys() {
        byte[] serverHello = S3.get("server_hello");
        byte[] serverRandom = Arrays.copyOfRange(serverHello, 6, 38);
        ScriptedRandom random = new ScriptedRandom(serverRandom, S3.get("server_x25519_private_key"));
        TestCredentials credentials = new TestCredentials().server(TestCerts.credential(TestCerts.Kind.RSA_2048, "rsa"));
        TestIo io = new TestIo(TestConfig.server().build(), credentials, random);
        Handshaker server = Tls13Server.handshaker(io.config());
        server.start(io);
        byte[] clientHello = S3.get("client_hello");
        HandshakeMessage ch = MessageDecoder.decode(Reader.of(clientHello), server.decodeContext());
        io.transcript().update(clientHello);
        server.receive(ch, io);

        assertTrue(random.exhausted());
        assertArrayEquals(serverHello, io.outbox.get(0).encoding());
        assertEquals(List.of("ServerHello", "EncryptedExtensions (protected)", "Certificate (protected)",
                "CertificateVerify (protected)", "Finished (protected)"), io.sentTypes(), "no CCS: empty session id");
        TrafficKeys serverHandshake = new TrafficKeys(CipherSuite.TLS_AES_128_GCM_SHA256.aead(),
                S3.get("server_handshake_key"), S3.get("server_handshake_iv"));
        TrafficKeys clientHandshake = new TrafficKeys(CipherSuite.TLS_AES_128_GCM_SHA256.aead(),
                S3.get("client_handshake_key"), S3.get("client_handshake_iv"));
        assertEquals(serverHandshake, io.writeKeys.get(0));
        assertEquals(serverHandshake, io.outbox.get(1).keys());
        assertEquals(List.of(clientHandshake), io.readKeys);
        assertArrayEquals(S3.get("client_handshake_traffic_secret"), io.keyLog.get("CLIENT_HANDSHAKE_TRAFFIC_SECRET"));
        assertArrayEquals(S3.get("server_handshake_traffic_secret"), io.keyLog.get("SERVER_HANDSHAKE_TRAFFIC_SECRET"));

        EncryptedExtensions ee = (EncryptedExtensions) io.outbox.get(1).message();
        assertEquals(List.of(ExtensionType.SERVER_NAME.code()), ee.extensions().codes());
    }
}
