package dev.bastion.tls.conformance.fuzz;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/**
 * The engine targets' contract checks can fail: {@link EnginePump} run against scripted fake
 * engines that break the contract in one way each, and against a real Bastion server.
 */
class EnginePumpTest {
    private static final SSLSession SESSION = EngineFixtures.server(false).getSession();

    @Test
    void runtimeExceptionFromTheEnginePassesThrough() {
        Fake e = new Fake() {
            @Override
            public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int off, int len) {
                throw new IndexOutOfBoundsException("parser bug");
            }
        };
        assertThrows(IndexOutOfBoundsException.class, () -> new EnginePump(e, new byte[10]).run());
    }

    @Test
    void engineNotClosedAfterFailureIsAFinding() {
        Fake e = new Fake() {
            @Override
            public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int off, int len) throws SSLException {
                throw new SSLException("bad record");
            }
        };
        AssertionError a = assertThrows(AssertionError.class, () -> new EnginePump(e, new byte[10]).run());
        assertTrue(a.getMessage().contains("not closed"), a.getMessage());
    }

    @Test
    void engineThatNeverProgressesIsAFinding() {
        Fake e = new Fake();   // unwrap: OK, nothing consumed, forever
        AssertionError a = assertThrows(AssertionError.class, () -> new EnginePump(e, new byte[10]).run());
        assertTrue(a.getMessage().contains("no progress"), a.getMessage());
    }

    @Test
    void bastionServerRejectingGarbageAfterClientHelloKeepsTheContract() {
        byte[] input = EngineFixtures.concat(EngineFixtures.clientHello(EngineFixtures.Variant.BASTION_DEFAULT),
                new byte[] {23, 3, 3, 0, 20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20});
        EnginePump pump = new EnginePump(EngineFixtures.server(false), input);
        assertDoesNotThrow(pump::run);
        assertTrue(pump.failure() != null, "a forged record after the ClientHello must fail the handshake");
        assertTrue(pump.sent().length > 0, "the server wrote its flight and its alert");
    }

    /** An engine that handshakes forever doing nothing; tests override the part they break. */
    private static class Fake extends SSLEngine {
        @Override
        public SSLEngineResult wrap(ByteBuffer[] srcs, int off, int len, ByteBuffer dst) throws SSLException {
            return new SSLEngineResult(Status.OK, HandshakeStatus.NEED_UNWRAP, 0, 0);
        }

        @Override
        public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int off, int len) throws SSLException {
            return new SSLEngineResult(Status.OK, HandshakeStatus.NEED_UNWRAP, 0, 0);
        }

        @Override public Runnable getDelegatedTask() { return null; }
        @Override public void closeInbound() { }
        @Override public boolean isInboundDone() { return false; }
        @Override public void closeOutbound() { }
        @Override public boolean isOutboundDone() { return false; }
        @Override public String[] getSupportedCipherSuites() { return new String[0]; }
        @Override public String[] getEnabledCipherSuites() { return new String[0]; }
        @Override public void setEnabledCipherSuites(String[] suites) { }
        @Override public String[] getSupportedProtocols() { return new String[0]; }
        @Override public String[] getEnabledProtocols() { return new String[0]; }
        @Override public void setEnabledProtocols(String[] protocols) { }
        @Override public SSLSession getSession() { return SESSION; }
        @Override public void beginHandshake() { }
        @Override public HandshakeStatus getHandshakeStatus() { return HandshakeStatus.NEED_UNWRAP; }
        @Override public void setUseClientMode(boolean mode) { }
        @Override public boolean getUseClientMode() { return false; }
        @Override public void setNeedClientAuth(boolean need) { }
        @Override public boolean getNeedClientAuth() { return false; }
        @Override public void setWantClientAuth(boolean want) { }
        @Override public boolean getWantClientAuth() { return false; }
        @Override public void setEnableSessionCreation(boolean flag) { }
        @Override public boolean getEnableSessionCreation() { return true; }
    }
}
