package dev.bastion.tls.connection.config;

import dev.bastion.tls.crypto.TicketKeys;
import dev.bastion.tls.diag.Trace;
import dev.bastion.tls.session.ResumptionSettings;
import dev.bastion.tls.session.SessionContext;
import dev.bastion.tls.session.TicketSealer;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Session resumption settings read from the properties, applied to an {@code SSLContext}'s two
 * session contexts:
 *
 * <table>
 * <caption>Properties</caption>
 * <tr><th>property</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code javax.net.ssl.sessionCacheSize}</td><td>20480</td><td>initial cache size of both
 *     contexts (as SunJSSE)</td></tr>
 * <tr><td>{@code jdk.tls.server.sessionTicketTimeout}</td><td>86400</td><td>initial session timeout
 *     in seconds, 0..604800 (as SunJSSE)</td></tr>
 * <tr><td>{@code jdk.tls.client.enableSessionTicketExtension}</td><td>true</td><td>the client offers
 *     TLS 1.2 session tickets (RFC 5077)</td></tr>
 * <tr><td>{@code jdk.tls.server.enableSessionTicketExtension}</td><td>true</td><td>the server issues
 *     TLS 1.2 tickets to clients that offer the extension, instead of caching the session</td></tr>
 * <tr><td>{@code jdk.tls.server.newSessionTicketCount}</td><td>2</td><td>TLS 1.3 tickets after a full
 *     handshake, 0..10 (one after a resumption)</td></tr>
 * <tr><td>{@code dev.bastion.tls.pskKe}</td><td>false</td><td>TLS 1.3 psk_ke (resumption without
 *     (EC)DHE) offered and accepted</td></tr>
 * <tr><td>{@code dev.bastion.tls.ticketKeyFile}</td><td>none</td><td>a ticket key file shared by a
 *     fleet ({@link dev.bastion.tls.crypto.TicketKeyFile}); system property, else security
 *     property</td></tr>
 * <tr><td>{@code dev.bastion.tls.ticketKeyRotation}</td><td>86400</td><td>seconds a random in-memory
 *     ticket key seals before the next one takes over (it opens for as long again); when it is not
 *     set, SunJSSE's {@code jdk.tls.server.statelessKeyTimeout} (seconds) is read for it</td></tr>
 * </table>
 */
public final class SessionSettings {
    public static final String KEY_FILE = "dev.bastion.tls.ticketKeyFile";
    public static final String KEY_ROTATION = "dev.bastion.tls.ticketKeyRotation";
    /** How often a key file is looked at for changes, in milliseconds. */
    static final long KEY_FILE_CHECK_MILLIS = 1000;

    private static final Trace TRACE = Trace.get("config");
    private static final int MAX_TIMEOUT = 604800;

    private SessionSettings() {
    }

    /** Cache size and timeout from the properties, once when the {@code SSLContext} is made. */
    public static void initial(PropertySource src, SessionContext... contexts) {
        int size = number(src, "javax.net.ssl.sessionCacheSize", SessionContext.DEFAULT_CACHE_SIZE, 0, Integer.MAX_VALUE);
        int timeout = number(src, "jdk.tls.server.sessionTicketTimeout", SessionContext.DEFAULT_TIMEOUT, 0, MAX_TIMEOUT);
        for (SessionContext c : contexts) {
            c.setSessionCacheSize(size);
            c.setSessionTimeout(timeout);
        }
    }

    /**
     * The resumption settings and the server's ticket keys, when the {@code SSLContext} is
     * initialised.
     *
     * @throws IOException when the ticket key file cannot be read
     * @throws IllegalArgumentException when it is not a key file
     */
    public static void apply(PropertySource src, SessionContext client, SessionContext server, SecureRandom random)
            throws IOException {
        boolean pskKe = TlsPolicy.booleanProperty(src, "dev.bastion.tls.pskKe", false);
        client.configure(new ResumptionSettings(
                TlsPolicy.booleanProperty(src, "jdk.tls.client.enableSessionTicketExtension", true), 0, pskKe));
        server.configure(new ResumptionSettings(
                TlsPolicy.booleanProperty(src, "jdk.tls.server.enableSessionTicketExtension", true),
                number(src, "jdk.tls.server.newSessionTicketCount", ResumptionSettings.DEFAULT.tls13Tickets(), 0,
                        ResumptionSettings.MAX_TLS13_TICKETS), pskKe));
        server.setTicketSealer(sealer(ticketKeys(src, random, server)));
    }

    private static TicketKeys ticketKeys(PropertySource src, SecureRandom random, SessionContext server)
            throws IOException {
        Optional<String> file = Optional.ofNullable(NameList.unquote(src.system().apply(KEY_FILE)))
                .or(() -> Optional.ofNullable(NameList.unquote(src.security().apply(KEY_FILE))))
                .map(String::trim).filter(s -> !s.isEmpty());
        if (file.isPresent()) {
            TicketKeys keys = TicketKeys.fromFile(Path.of(file.get()), KEY_FILE_CHECK_MILLIS, random, server::now);
            TRACE.info(() -> "session tickets protected by " + keys.describe());
            return keys;
        }
        int sunJsse = number(src, "jdk.tls.server.statelessKeyTimeout", SessionContext.DEFAULT_TIMEOUT, 1,
                Integer.MAX_VALUE / 1000);
        int rotation = number(src, KEY_ROTATION, sunJsse, 1, Integer.MAX_VALUE / 1000);
        return TicketKeys.rotating(rotation * 1000L, random, server::now);
    }

    private static TicketSealer sealer(TicketKeys keys) {
        return new TicketSealer() {
            @Override
            public byte[] seal(byte[] contents) {
                return keys.seal(contents);
            }

            @Override
            public Optional<byte[]> open(byte[] ticket) {
                return keys.open(ticket);
            }

            @Override
            public String toString() {
                return keys.toString();
            }
        };
    }

    private static int number(PropertySource src, String property, int fallback, int min, int max) {
        String v = NameList.unquote(src.system().apply(property));
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        TRACE.warning(() -> "ignoring " + property + "=" + v + ": not a number in " + min + ".." + max + "; using "
                + fallback);
        return fallback;
    }
}
