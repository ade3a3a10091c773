package dev.bastion.tls.handshake;

import dev.bastion.tls.crypto.TicketKeys;
import dev.bastion.tls.session.SessionContext;
import dev.bastion.tls.session.TicketSealer;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client and a server session context on one settable clock, the server's tickets sealed by
 * in-memory {@link TicketKeys} (rotating daily), as an {@code SSLContext} would set them up.
 */
public final class TestSessions {
    public final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    public final SessionContext client = SessionContext.withClock(true, clock::get);
    public final SessionContext server = SessionContext.withClock(false, clock::get);
    public final TicketKeys keys = TicketKeys.rotating(86_400_000L, new SecureRandom(), clock::get);

    public TestSessions() {
        server.setTicketSealer(sealer(keys));
    }

    /** A sealer over {@code keys}. */
    public static TicketSealer sealer(TicketKeys keys) {
        return new TicketSealer() {
            @Override
            public byte[] seal(byte[] contents) {
                return keys.seal(contents);
            }

            @Override
            public Optional<byte[]> open(byte[] ticket) {
                return keys.open(ticket);
            }
        };
    }

    /** Moves the clock on. */
    public TestSessions advance(long millis) {
        clock.addAndGet(millis);
        return this;
    }

    /** A pipe between {@code clientConfig} and {@code serverConfig} whose sides resume through these contexts. */
    public Pipe pipe(HandshakeConfig clientConfig, Credentials clientCredentials, HandshakeConfig serverConfig,
            Credentials serverCredentials) {
        Pipe p = Pipe.of(clientConfig, clientCredentials, serverConfig, serverCredentials);
        p.clientIo.with(client);
        p.serverIo.with(server);
        return p;
    }
}
