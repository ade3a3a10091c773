package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.EnginePair;
import dev.bastion.tls.it.support.Providers;
import dev.bastion.tls.it.support.Tls;
import java.nio.ByteBuffer;
import java.util.Random;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code SSLParameters.setMaximumPacketSize(512)} on both ends keeps every record either side
 * writes, handshake and application data, within 512 bytes on the wire, whatever the suite
 * adds to a record: 22 bytes in TLS 1.3, 29 for TLS 1.2 AES-GCM (its explicit nonce), 21 for
 * TLS 1.2 ChaCha20-Poly1305. SunJSSE and Bastion alike.
 */
class MaximumPacketSizeTest {
    private static final int PACKET = 512;

    @BeforeAll
    static void install() {
        Providers.install();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "SunJSSE, TLSv1.3, TLS_AES_128_GCM_SHA256",
        "Bastion, TLSv1.3, TLS_AES_128_GCM_SHA256",
        "SunJSSE, TLSv1.2, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "Bastion, TLSv1.2, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "SunJSSE, TLSv1.2, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "Bastion, TLSv1.2, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "SunJSSE, TLSv1.2, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        "Bastion, TLSv1.2, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    })
    void everyRecordFitsThePacketSize(String provider, String version, String suite) throws Exception {
        SSLEngine client = limited(Tls.client(provider).createSSLEngine("localhost", 443), version, suite);
        SSLEngine server = limited(Tls.server(provider).createSSLEngine(), version, suite);
        EnginePair pair = new EnginePair(client, server).handshake();
        assertEquals(version, client.getSession().getProtocol());
        assertEquals(suite, client.getSession().getCipherSuite());
        assertRecordsFit(ByteBuffer.wrap(pair.handshakeBytes(true)), "client handshake");
        assertRecordsFit(ByteBuffer.wrap(pair.handshakeBytes(false)), "server handshake");

        byte[] data = new byte[5000];
        new Random(7).nextBytes(data);
        ByteBuffer src = ByteBuffer.wrap(data);
        ByteBuffer wire = ByteBuffer.allocate(1 << 16);
        while (src.hasRemaining()) {
            SSLEngineResult r = client.wrap(src, wire);
            assertEquals(SSLEngineResult.Status.OK, r.getStatus());
        }
        wire.flip();
        assertRecordsFit(wire.duplicate(), "application data");
        ByteBuffer app = ByteBuffer.allocate(data.length + server.getSession().getApplicationBufferSize());
        while (wire.hasRemaining()) {
            assertEquals(SSLEngineResult.Status.OK, server.unwrap(wire, app).getStatus());
        }
        app.flip();
        byte[] received = new byte[app.remaining()];
        app.get(received);
        assertArrayEquals(data, received);
    }

    private static SSLEngine limited(SSLEngine engine, String version, String suite) {
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(new String[] {version});
        p.setCipherSuites(new String[] {suite});
        p.setMaximumPacketSize(PACKET);
        engine.setSSLParameters(p);
        return engine;
    }

    private static void assertRecordsFit(ByteBuffer records, String what) {
        int count = 0;
        while (records.hasRemaining()) {
            int length = 5 + (records.getShort(records.position() + 3) & 0xFFFF);
            assertTrue(length <= PACKET, what + ": record " + count + " is " + length + " bytes");
            records.position(records.position() + length);
            count++;
        }
        assertTrue(count > 0, what + ": no records");
    }
}
