package dev.bastion.tls.handshake;

import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.Side;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@link Handshaker} over a chain of {@link HandshakeState}s: it holds the current state
 * and nothing else, and replaces it with what each step returns. A state that throws leaves
 * the current state as it was; the connection core makes the failure final.
 */
public final class StateMachine implements Handshaker {
    private final Side side;
    private final Function<HandshakeIo, HandshakeState> start;
    private HandshakeState state;

    private StateMachine(Side side, Function<HandshakeIo, HandshakeState> start, HandshakeState initial) {
        this.side = side;
        this.start = start;
        this.state = initial;
    }

    /** A side that speaks first (a client): {@code start} sends its first flight and returns the next state. */
    public static StateMachine startingWith(Side side, Function<HandshakeIo, HandshakeState> start) {
        return new StateMachine(side, Objects.requireNonNull(start, "start"), null);
    }

    /** A side that waits for the peer (a server), already in {@code initial}. */
    public static StateMachine awaiting(Side side, HandshakeState initial) {
        return new StateMachine(side, null, Objects.requireNonNull(initial, "initial"));
    }

    @Override
    public void start(HandshakeIo io) {
        if (start == null) {
            return; // a server awaits the ClientHello
        }
        if (state != null) {
            throw new IllegalStateException("handshake already started");
        }
        state = Objects.requireNonNull(start.apply(io), "first state");
    }

    @Override
    public void receive(HandshakeMessage message, HandshakeIo io) {
        state = Objects.requireNonNull(current().next(message, io), "next state");
    }

    @Override
    public DecodeContext decodeContext() {
        return state == null ? DecodeContext.hello(side) : state.decodeContext();
    }

    @Override
    public boolean acceptsCompatibilityCcs() {
        return state != null && state.acceptsCompatibilityCcs();
    }

    @Override
    public void changeCipherSpec(HandshakeIo io) {
        state = Objects.requireNonNull(current().changeCipherSpec(io), "next state");
    }

    @Override
    public void sendKeyUpdate(HandshakeIo io, boolean requestPeerUpdate) {
        state = Objects.requireNonNull(current().sendKeyUpdate(io, requestPeerUpdate), "next state");
    }

    /** The current state's name, for trace and tests. */
    public String stateName() {
        return state == null ? "NotStarted" : state.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return side + " handshake in " + stateName();
    }

    private HandshakeState current() {
        if (state == null) {
            throw new IllegalStateException("the handshake has not been started");
        }
        return state;
    }
}
