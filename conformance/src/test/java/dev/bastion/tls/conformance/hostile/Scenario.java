package dev.bastion.tls.conformance.hostile;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One scripted conversation: an id, the RFC section that decides the outcome, what the hostile
 * peer does, and what the victim must do ({@link Expect}). {@link #run} plays it against an
 * engine of the named provider and returns what happened.
 */
record Scenario(String id, String rfc, String title, Function<String, Outcome> script, Expect expect) {

    /** The victim is a server engine; the hostile peer is a client (TLS 1.3 only enabled). */
    static Scenario againstServer(String id, String rfc, String title, Consumer<ClientPeer> body, Expect expect) {
        return of(id, rfc, title, ClientPeer::connect, body, expect);
    }

    /** The victim is a client engine; the hostile peer is a server (TLS 1.3 only enabled). */
    static Scenario againstClient(String id, String rfc, String title, Consumer<ServerPeer> body, Expect expect) {
        return of(id, rfc, title, ServerPeer::connect, body, expect);
    }

    /** Against a server engine enabling {@code protocols} ({@link Victims#DEFAULTS}: the provider's defaults). */
    static Scenario againstServer(String id, String rfc, String title, String[] protocols, Consumer<ClientPeer> body,
            Expect expect) {
        return of(id, rfc, title, provider -> ClientPeer.connect(provider, protocols, e -> { }), body, expect);
    }

    /** Against a client engine enabling {@code protocols} ({@link Victims#DEFAULTS}: the provider's defaults). */
    static Scenario againstClient(String id, String rfc, String title, String[] protocols, Consumer<ServerPeer> body,
            Expect expect) {
        return of(id, rfc, title, provider -> ServerPeer.connect(provider, protocols, e -> { }), body, expect);
    }

    static <P extends Peer> Scenario of(String id, String rfc, String title, Function<String, P> connect,
            Consumer<P> body, Expect expect) {
        return new Scenario(id, rfc, title, provider -> play(provider, connect, body), expect);
    }

    Outcome run(String provider) {
        return script.apply(provider);
    }

    /** The problems of {@code o} against this scenario's expectation; empty when it passes. */
    List<String> problems(Outcome o) {
        return expect.problems(o);
    }

    private static <P extends Peer> Outcome play(String provider, Function<String, P> connect, Consumer<P> body) {
        P peer = connect.apply(provider);
        try {
            body.accept(peer);
        } catch (ScriptStop stop) {
            peer.note("script stopped: " + stop.getMessage());
        }
        return peer.outcome();
    }
}
