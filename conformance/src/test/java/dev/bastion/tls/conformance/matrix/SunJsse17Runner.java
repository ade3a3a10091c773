package dev.bastion.tls.conformance.matrix;

import dev.bastion.tls.conformance.interop.TestPki;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * SunJSSE of the JDK running the tests (17) as the peer, in this JVM. Version and suite are
 * pinned on its engines; its groups and signature schemes cannot be (SunJSSE reads
 * {@code jdk.tls.namedGroups} once per JVM), so the subject's side pins them.
 */
final class SunJsse17Runner extends EngineRunner {
    SunJsse17Runner(Subject subject) {
        super(subject);
    }

    @Override
    Supplier<SSLEngine> serverEngines(MatrixCase c) throws Exception {
        SSLContext ctx = context(TestPki.keyManagers(List.of(subject.pki.server(c.certificate()))));
        return () -> {
            SSLEngine e = ctx.createSSLEngine();
            e.setUseClientMode(false);
            pin(e, c);
            e.setNeedClientAuth(c.clientAuth());
            return e;
        };
    }

    @Override
    Supplier<SSLEngine> clientEngines(MatrixCase c) throws Exception {
        SSLContext ctx = context(c.clientAuth() ? TestPki.keyManagers(List.of(subject.pki.client())) : null);
        return () -> {
            SSLEngine e = ctx.createSSLEngine("localhost", 443);
            e.setUseClientMode(true);
            pin(e, c);
            SSLParameters p = e.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            e.setSSLParameters(p);
            return e;
        };
    }

    private SSLContext context(KeyManager[] keys) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS", "SunJSSE");
        ctx.init(keys, subject.pki.trustManagers(), null);
        return ctx;
    }

    private static void pin(SSLEngine e, MatrixCase c) {
        e.setEnabledProtocols(new String[] {c.version()});
        e.setEnabledCipherSuites(new String[] {c.suite()});
    }
}
