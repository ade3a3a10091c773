package dev.bastion.tls.conformance.matrix;

import dev.bastion.tls.conformance.cli.Failures;
import dev.bastion.tls.conformance.interop.EngineClient;
import dev.bastion.tls.conformance.interop.EngineServer;
import dev.bastion.tls.conformance.interop.SessionView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;

/**
 * A peer that lives in this JVM as an {@code SSLEngine} (SunJSSE, BoringSSL through Netty):
 * it serves through {@link EngineServer} and connects through {@link EngineClient}, the same
 * harness as the subject; its account is its own session.
 */
abstract class EngineRunner extends Runner {
    EngineRunner(Subject subject) {
        super(subject);
    }

    /** Server engines of the peer for the case (one context, an engine per connection). */
    abstract Supplier<SSLEngine> serverEngines(MatrixCase c) throws Exception;

    /** Client engines of the peer for the case (one context, so the second connection can resume). */
    abstract Supplier<SSLEngine> clientEngines(MatrixCase c) throws Exception;

    /** Frees an engine of the peer (BoringSSL's native state); may be null. */
    Consumer<SSLEngine> release() {
        return null;
    }

    /** What else the peer says right after its handshake (put into {@link #account}). */
    Function<SSLEngine, String> note() {
        return e -> null;
    }

    /** The peer's account of a connection from its session and note. */
    PeerAccount account(SessionView session, String note) {
        return PeerAccount.ok(session.protocol(), session.cipherSuite(), null);
    }

    @Override
    Outcome subjectClient(MatrixCase c) throws Exception {
        try (EngineServer server = new EngineServer("peer", serverEngines(c), release(), note())) {
            return subjectConnects(c, server.port(), (o, i) -> {
                EngineServer.Accepted a = server.next();
                return a.failure() != null ? PeerAccount.failed(Failures.describe(a.failure()))
                        : account(a.session(), a.note());
            }, () -> {
                try {
                    EngineServer.Accepted a = server.next();
                    return a.failure() == null ? "" : Failures.describe(a.failure());
                } catch (AssertionError e) {
                    return "no connection reached it";
                }
            });
        }
    }

    @Override
    Outcome subjectServer(MatrixCase c) throws Exception {
        Supplier<SSLEngine> engines = clientEngines(c);
        return peerConnects(c, (port, n) -> {
            List<PeerAccount> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                try {
                    EngineClient.Exchange x = EngineClient.get(engines.get(), port, release(), note());
                    out.add(x.body().startsWith("bastion-interop ") ? account(x.session(), x.note())
                            : PeerAccount.failed("no response: " + OpenSslRunner.abbreviate(x.response())));
                } catch (Exception e) {
                    out.add(PeerAccount.failed(Failures.describe(e)));
                    break;
                }
            }
            return out;
        });
    }
}
