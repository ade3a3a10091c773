package dev.bastion.tls.conformance.matrix;

import dev.bastion.tls.conformance.cli.Failures;
import dev.bastion.tls.conformance.interop.BcJsse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bouncy Castle BCJSSE 1.84 in JVMs of its own ({@link BcJsse}). Its servers (one per
 * certificate and client-auth setting, kept for the run) use BCJSSE's default groups and
 * suites, so the subject's client pins the case. Its client runs once per batch of cases with
 * the same groups and client certificate, against one subject server per case (each port twice
 * to resume, through one BCJSSE context). The account is the peer's own session line.
 */
final class BcJsseRunner extends Runner {
    /** BcJssePeer servers end themselves after 180 s; one is replaced once it is this old. */
    private static final long SERVER_REUSE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(120);

    private final Map<String, BcJsse.Server> servers = new HashMap<>();
    private final Map<String, Long> started = new HashMap<>();

    BcJsseRunner(Subject subject) {
        super(subject);
    }

    @Override
    public Object batchKey(MatrixCase c) {
        return c.role() == Role.CLIENT ? c : List.of(groups(c), c.clientAuth());
    }

    @Override
    public Map<MatrixCase, Outcome> run(List<MatrixCase> batch) {
        if (batch.get(0).role() == Role.CLIENT) {
            return super.run(batch);
        }
        MatrixCase first = batch.get(0);
        return peerConnectsAll(batch, ports -> {
            try {
                return BcJsse.client(subject.pki, groups(first), first.clientAuth(), ports).stream()
                        .map(BcJsseRunner::account).toList();
            } catch (java.io.IOException e) {
                return List.of(PeerAccount.failed(Failures.describe(e)));
            }
        });
    }

    @Override
    Outcome subjectClient(MatrixCase c) throws Exception {
        String key = c.certificate() + "/" + c.clientAuth();
        BcJsse.Server server = servers.get(key);
        if (server != null && System.nanoTime() - started.get(key) > SERVER_REUSE_NANOS) {
            server.close();
            server = null;
        }
        if (server == null) {
            server = BcJsse.server(subject.pki.server(c.certificate()), subject.pki, List.of(), c.clientAuth());
            servers.put(key, server);
            started.put(key, System.nanoTime());
        }
        BcJsse.Server s = server;
        return subjectConnects(c, s.port(), (o, i) -> account(s.next()), () -> s.next().line());
    }

    @Override
    Outcome subjectServer(MatrixCase c) {
        throw new IllegalStateException("BCJSSE clients run in batches");
    }

    @Override
    public void close() {
        servers.values().forEach(BcJsse.Server::close);
        servers.clear();
    }

    private static PeerAccount account(BcJsse.Session s) {
        if (!s.ok()) {
            return PeerAccount.failed(s.line());
        }
        return PeerAccount.ok(s.get("protocol"), s.get("suite"), null);
    }

    /**
     * The BCJSSE client's groups: the case's group first (its key share), and secp256r1 when an
     * ECDSA P-256 key is involved (the server's certificate or its own): BCJSSE neither offers
     * ecdsa_secp256r1_sha256 nor uses such a key unless secp256r1 is among its groups.
     */
    private static List<String> groups(MatrixCase c) {
        boolean p256 = c.clientAuth() || c.certificate() == dev.bastion.tls.conformance.interop.TestPki.ServerKey.EC;
        if (c.groups().isEmpty() || !p256 || c.groups().contains("secp256r1")) {
            return c.groups();
        }
        return List.of(c.group(), "secp256r1");
    }
}
