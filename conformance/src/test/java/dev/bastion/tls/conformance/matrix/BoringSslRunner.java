package dev.bastion.tls.conformance.matrix;

import dev.bastion.tls.conformance.cli.Failures;
import dev.bastion.tls.conformance.interop.BoringSsl;
import dev.bastion.tls.conformance.interop.SessionView;
import io.netty.handler.ssl.SslContext;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;

/**
 * BoringSSL (netty-tcnative, statically linked) as the peer, in this JVM through Netty's
 * OpenSSL engine. Version and group are pinned on its contexts; BoringSSL offers no setting for
 * TLS 1.3 suites, and signature schemes follow the subject's pinning. Its account adds the group
 * and whether BoringSSL itself resumed.
 */
final class BoringSslRunner extends EngineRunner {
    BoringSslRunner(Subject subject) {
        super(subject);
    }

    @Override
    public Optional<String> unavailable() {
        try {
            BoringSsl.ensureAvailable();
            return Optional.empty();
        } catch (Throwable e) {
            return Optional.of("netty-tcnative BoringSSL does not load here: " + Failures.describe(e));
        }
    }

    @Override
    Supplier<SSLEngine> serverEngines(MatrixCase c) throws Exception {
        SslContext ctx = BoringSsl.server(subject.pki.server(c.certificate()), subject.pki, groups(c), c.clientAuth(),
                List.of(), c.version());
        return () -> BoringSsl.engine(ctx);
    }

    @Override
    Supplier<SSLEngine> clientEngines(MatrixCase c) throws Exception {
        SslContext ctx = BoringSsl.client(subject.pki, groups(c), c.clientAuth(), List.of(), c.version());
        return () -> BoringSsl.engine(ctx);
    }

    @Override
    Consumer<SSLEngine> release() {
        return BoringSsl::release;
    }

    @Override
    Function<SSLEngine, String> note() {
        return e -> BoringSsl.group(e) + " " + BoringSsl.resumed(e);
    }

    @Override
    PeerAccount account(SessionView session, String note) {
        return PeerAccount.ok(session.protocol(), session.cipherSuite(), note != null && note.endsWith(" true"));
    }

    private static List<String> groups(MatrixCase c) {
        return c.groups().isEmpty() ? List.of("X25519", "P-256")
                : c.groups().stream().map(Names::boringSsl).toList();
    }
}
