package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.Credentials;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code closeInbound()} while the handshake runs (the client has sent its ClientHello): the
 * handshake can never finish, so Bastion closes the write side as {@code closeOutbound} would
 * (user_canceled, close_notify): the handshake status is NEED_WRAP, the wraps send the two
 * alerts and end CLOSED, and none of the application's data is taken. An application that
 * wraps until its data is gone or the engine is closed stops. (Bastion used to report
 * NOT_HANDSHAKING and answer every wrap with OK, nothing consumed and nothing produced, for
 * ever. SunJSSE 17 answers NEED_WRAP too, but its wraps take the data.)
 */
class CloseInboundDuringHandshakeTest {

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void theWriteSideClosesAndWrapsEndClosed(String protocol) throws Exception {
        SSLEngine client = Credentials.get().context("Bastion", null, false).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        client.beginHandshake();
        ByteBuffer net = ByteBuffer.allocate(1 << 16);
        assertEquals(HandshakeStatus.NEED_UNWRAP, client.wrap(ByteBuffer.allocate(0), net).getHandshakeStatus());

        assertThrows(SSLException.class, client::closeInbound, "no close_notify from the peer");
        assertTrue(client.isInboundDone());
        assertEquals(HandshakeStatus.NEED_WRAP, client.getHandshakeStatus());

        ByteBuffer data = ByteBuffer.wrap("secret".getBytes(StandardCharsets.US_ASCII));
        SSLEngineResult r = null;
        int wraps = 0;
        while (data.hasRemaining() && (r == null || r.getStatus() != SSLEngineResult.Status.CLOSED) && wraps < 10) {
            r = client.wrap(data, net);
            wraps++;
        }
        assertEquals(SSLEngineResult.Status.CLOSED, r.getStatus(), "after " + wraps + " wraps");
        assertEquals(2, wraps, "user_canceled, then close_notify");
        assertEquals(6, data.remaining(), "the application's data was not taken");
        assertTrue(client.isOutboundDone());
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, client.getHandshakeStatus());
    }
}
