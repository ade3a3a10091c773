package dev.bastion.tls.conformance.matrix;

import dev.bastion.tls.conformance.cli.Failures;
import dev.bastion.tls.conformance.interop.EngineServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The two shapes every peer's cases take. Subject as client: connect to the peer's server once
 * (twice to resume, with the same context), check the subject's side ({@link Checks}) and the
 * peer's account. Subject as server: start a server for the case, let the peer client connect,
 * take the subject's side of each connection from the server and the trace, and check both.
 */
abstract class Runner implements PeerRunner {
    protected final Subject subject;
    private int servers;

    Runner(Subject subject) {
        this.subject = subject;
    }

    @Override
    public Map<MatrixCase, Outcome> run(List<MatrixCase> batch) {
        Map<MatrixCase, Outcome> out = new LinkedHashMap<>();
        for (MatrixCase c : batch) {
            Outcome o;
            try {
                o = c.role() == Role.CLIENT ? subjectClient(c) : subjectServer(c);
            } catch (Exception | AssertionError e) {
                o = Outcome.failed(Failures.describe(e));
            }
            out.put(c, o);
        }
        return out;
    }

    /** The subject is the client; the peer serves. */
    abstract Outcome subjectClient(MatrixCase c) throws Exception;

    /** The subject is the server; the peer connects. */
    abstract Outcome subjectServer(MatrixCase c) throws Exception;

    /**
     * The subject connects to the peer's server on {@code port} (twice when resuming);
     * {@code account} reads the peer's account of connection {@code i} (0 or 1) after it,
     * {@code peerLog} gives the peer's side of a failure.
     */
    protected Outcome subjectConnects(MatrixCase c, int port, BiFunction<Observed, Integer, PeerAccount> account,
            Supplier<String> peerLog) {
        SSLContext ctx = subject.context(c);
        int connections = c.resumed() ? 2 : 1;
        Boolean lastResumedClaim = null;
        for (int i = 0; i < connections; i++) {
            Observed o;
            try {
                o = subject.get(ctx, c, port);
            } catch (Exception e) {
                return Outcome.failed(Failures.describe(e) + peerSays(peerLog.get()));
            }
            boolean second = i == 1;
            PeerAccount peer = account.apply(o, i); // read even when the subject's side fails: peers keep order
            lastResumedClaim = peer.resumed();
            Optional<String> problem = Checks.subject(c, o, subject.traced(), subject.isBastion(), second)
                    .or(() -> peer.check(c, second));
            if (problem.isPresent()) {
                return Outcome.failed(problem.get());
            }
        }
        return Outcome.passed(resumedDetail(c, lastResumedClaim));
    }

    /** The subject serves the case; {@code peer} connects (twice when resuming). */
    protected Outcome peerConnects(MatrixCase c, PeerClient peer) throws Exception {
        String name = "matrix-" + (++servers);
        int connections = c.resumed() ? 2 : 1;
        subject.trace.take(Subject.serverThread(name));
        try (EngineServer server = subject.server(c, name)) {
            List<PeerAccount> accounts = peer.connect(server.port(), connections);
            return subjectServed(c, server, Subject.serverThread(name), accounts, connections);
        }
    }

    /**
     * A batch of cases served by the subject at once, one server per case, and one peer client
     * run over all of them: {@code client} gets every case's port (twice for a resumption case,
     * in a row) and answers one account per port, in order.
     */
    protected Map<MatrixCase, Outcome> peerConnectsAll(List<MatrixCase> batch,
            java.util.function.Function<List<Integer>, List<PeerAccount>> client) {
        Map<MatrixCase, Outcome> out = new LinkedHashMap<>();
        List<EngineServer> started = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (MatrixCase c : batch) {
                String name = "matrix-" + (++servers);
                started.add(subject.server(c, name));
                threads.add(Subject.serverThread(name));
                for (int i = 0; i < (c.resumed() ? 2 : 1); i++) {
                    ports.add(started.get(started.size() - 1).port());
                }
            }
            List<PeerAccount> accounts = client.apply(ports);
            int at = 0;
            for (int k = 0; k < batch.size(); k++) {
                MatrixCase c = batch.get(k);
                int n = c.resumed() ? 2 : 1;
                List<PeerAccount> mine = accounts.subList(Math.min(at, accounts.size()),
                        Math.min(at + n, accounts.size()));
                at += n;
                out.put(c, subjectServed(c, started.get(k), threads.get(k), mine, n));
            }
        } catch (Exception | AssertionError e) {
            batch.forEach(c -> out.putIfAbsent(c, Outcome.failed(Failures.describe(e))));
        } finally {
            started.forEach(EngineServer::close);
        }
        return out;
    }

    /** Checks what a subject server saw of {@code connections} connections, and the peer's accounts of them. */
    protected Outcome subjectServed(MatrixCase c, EngineServer server, String thread, List<PeerAccount> accounts,
            int connections) {
        String peerError = accounts.stream().filter(a -> !a.ok()).map(PeerAccount::error).findFirst().orElse("");
        List<EngineServer.Accepted> seen = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            try {
                seen.add(server.next());
            } catch (AssertionError e) {
                return Outcome.failed("connection " + (i + 1) + " never reached Bastion" + peerSays(peerError));
            }
        }
        List<List<String>> trace = BastionTrace.connections(subject.trace.take(thread), Role.SERVER);
        for (int i = 0; i < connections; i++) {
            EngineServer.Accepted a = seen.get(i);
            boolean handshakeOnly = i == 0 && a.session() != null && firstConnectionIsHandshakeOnly(c);
            if (a.failure() != null && !handshakeOnly) {
                return Outcome.failed(Failures.describe(a.failure()) + peerSays(peerError));
            }
            Observed o = new Observed(a.session(), a.note() == null ? "" : a.note(), a.wire(),
                    i < trace.size() ? trace.get(i) : List.of(), a.request());
            Optional<String> problem = Checks.subject(c, o, subject.traced(), subject.isBastion(), i == 1);
            if (problem.isPresent()) {
                return Outcome.failed(problem.get() + peerSays(peerError));
            }
            if (i < accounts.size()) {
                Optional<String> p = accounts.get(i).check(c, i == 1);
                if (p.isPresent()) {
                    return Outcome.failed(p.get());
                }
            }
        }
        return Outcome.passed(resumedDetail(c, accounts.size() > 1 ? accounts.get(1).resumed() : null));
    }

    /**
     * What a passed cell says about resumption: verified by the subject's trace, or else by the
     * peer's account; when neither can tell, the cell says so rather than claim it.
     */
    private String resumedDetail(MatrixCase c, Boolean peerSaysResumed) {
        if (!c.resumed()) {
            return "";
        }
        if (subject.traced()) {
            return "resumed (subject's trace" + (peerSaysResumed != null ? " and peer" : "") + ")";
        }
        return peerSaysResumed != null ? "resumed (peer's account)"
                : "handshakes passed; resumption not verified (no subject trace, the peer does not say)";
    }

    /**
     * Whether the peer client's first connection of a resumption case ends right after the
     * handshake (no request), so an error while answering it is not the subject's.
     */
    boolean firstConnectionIsHandshakeOnly(MatrixCase c) {
        return false;
    }

    /** {@code "; peer says: ..."} with the peer's own error, or nothing when it said none. */
    static String peerSays(String peerError) {
        return peerError == null || peerError.isBlank() ? "" : "; peer says: " + peerError.strip();
    }
}
