package dev.bastion.tls.conformance.matrix;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of the matrix: the cases, a runner per peer, and each case's outcome, worked out on
 * first request together with the rest of its batch. A case is skipped, never run, when the
 * subject lacks a feature ({@link NotYetImplemented}) or the peer has a known bug for it
 * ({@link Peer#knownBug}); a peer that cannot run here fails its cases with the reason.
 */
final class MatrixRun implements AutoCloseable {
    final String mode;
    final Subject subject;
    final List<MatrixCase> cases;
    private final Map<Peer, PeerRunner> runners = new EnumMap<>(Peer.class);
    private final Map<Peer, Optional<String>> unavailable = new EnumMap<>(Peer.class);
    private final Map<MatrixCase, Outcome> outcomes = new LinkedHashMap<>();

    /** @param peers the peers to run (all when empty) */
    MatrixRun(String mode, Subject subject, java.util.Set<Peer> peers) {
        this.mode = mode;
        this.subject = subject;
        this.cases = CaseList.of(mode).stream().filter(c -> peers.isEmpty() || peers.contains(c.peer())).toList();
        runners.put(Peer.OPENSSL, new OpenSslRunner(subject));
        runners.put(Peer.GNUTLS, new GnuTlsRunner(subject));
        runners.put(Peer.CURL, new CurlRunner(subject));
        runners.put(Peer.SUNJSSE17, new SunJsse17Runner(subject));
        runners.put(Peer.SUNJSSE25, new Jdk25Runner(subject));
        runners.put(Peer.BCJSSE, new BcJsseRunner(subject));
        runners.put(Peer.BORINGSSL, new BoringSslRunner(subject));
    }

    /** The outcome of {@code c}, running its batch when it has none yet. */
    synchronized Outcome outcome(MatrixCase c) {
        Outcome known = outcomes.get(c);
        if (known != null) {
            return known;
        }
        Optional<Outcome> held = heldBack(c);
        if (held.isPresent()) {
            outcomes.put(c, held.get());
            return held.get();
        }
        PeerRunner runner = runners.get(c.peer());
        Optional<String> missing = unavailable.computeIfAbsent(c.peer(), p -> runner.unavailable());
        if (missing.isPresent()) {
            Outcome o = Outcome.failed("peer unavailable: " + missing.get());
            outcomes.put(c, o);
            return o;
        }
        Object key = runner.batchKey(c);
        List<MatrixCase> batch = new ArrayList<>();
        for (MatrixCase other : cases) {
            if (other.peer() == c.peer() && other.role() == c.role() && !outcomes.containsKey(other)
                    && heldBack(other).isEmpty() && Objects.equals(runner.batchKey(other), key)) {
                batch.add(other);
            }
        }
        Map<MatrixCase, Outcome> results = runner.run(batch);
        for (MatrixCase b : batch) {
            outcomes.put(b, results.getOrDefault(b, Outcome.failed("the runner gave no outcome")));
        }
        return outcomes.get(c);
    }

    /** Every case's outcome, in case order (running whatever has not run). */
    synchronized Map<MatrixCase, Outcome> outcomes() {
        Map<MatrixCase, Outcome> all = new LinkedHashMap<>();
        for (MatrixCase c : cases) {
            all.put(c, outcome(c));
        }
        return all;
    }

    /** Outcomes so far, in case order (cases that did not run are left out). */
    synchronized Map<MatrixCase, Outcome> decided() {
        Map<MatrixCase, Outcome> all = new LinkedHashMap<>();
        for (MatrixCase c : cases) {
            if (outcomes.containsKey(c)) {
                all.put(c, outcomes.get(c));
            }
        }
        return all;
    }

    private Optional<Outcome> heldBack(MatrixCase c) {
        Optional<String> nyi = NotYetImplemented.reason(c, subject.provider);
        if (nyi.isPresent()) {
            return Optional.of(Outcome.skipped(nyi.get()));
        }
        if (!subject.isBastion() && c.group().equals("X25519MLKEM768")) {
            return Optional.of(Outcome.skipped("the subject " + subject.provider + " has no X25519MLKEM768"));
        }
        String bug = c.peer().knownBug(c);
        return bug == null ? Optional.empty() : Optional.of(Outcome.skipped(bug));
    }

    @Override
    public void close() {
        runners.values().forEach(PeerRunner::close);
    }
}
