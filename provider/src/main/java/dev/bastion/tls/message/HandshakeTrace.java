package dev.bastion.tls.message;

import dev.bastion.tls.diag.Trace;
import java.util.Locale;

/**
 * The handshake trace: with the system property {@value #PROPERTY} set to {@code handshake}
 * (or {@code all}; several words may be given, separated by commas or spaces), every handshake
 * message a connection sends or receives is logged, dissected by {@link Dissector}, to the
 * logger {@code dev.bastion.tls.handshake} at level {@code INFO} (so the JDK's default console
 * handler shows it on standard error).
 *
 * <p>SunJSSE's switch {@value #JDK_PROPERTY} turns the same trace on, so that an application
 * debugged the usual way shows Bastion's handshakes too: a value naming {@code all} or
 * {@code handshake} ({@code ssl:handshake}, {@code ssl,handshake:verbose}, ...) or {@code ssl}
 * alone, which asks for all of SunJSSE's TLS debugging. Other values ({@code ssl:record},
 * {@code ssl:keymanager}, and the empty value, SunJSSE's System.Logger mode) do not.
 *
 * <p>The property is read once, when this class is loaded. When it is off, the two entry
 * points test one {@code static final} flag and return: no message is formatted, nothing is
 * allocated.
 */
public final class HandshakeTrace {
    /** The system property that switches the trace on. */
    public static final String PROPERTY = "dev.bastion.tls.debug";
    /** SunJSSE's debugging switch, which also turns the trace on ({@link #enabledByJdkSwitch}). */
    public static final String JDK_PROPERTY = "javax.net.debug";

    /** Read once; a constant the JIT folds, so the entry points vanish when it is false. */
    private static final boolean ON = enabled(readProperty(PROPERTY)) || enabledByJdkSwitch(readProperty(JDK_PROPERTY));
    private static final HandshakeTrace INSTANCE = new HandshakeTrace(ON, Trace.get("handshake"));

    private final boolean on;
    private final Trace trace;

    HandshakeTrace(boolean on, Trace trace) {
        this.on = on;
        this.trace = trace;
    }

    /** Whether the trace is on for this JVM. */
    public static boolean isOn() {
        return ON;
    }

    /** Logs {@code message}, just queued for sending by the client ({@code localIsClient}) or server. */
    public static void sent(boolean localIsClient, HandshakeMessage message) {
        if (ON) {
            INSTANCE.record(localIsClient, true, message);
        }
    }

    /** Logs {@code message}, just received and decoded by the client ({@code localIsClient}) or server. */
    public static void received(boolean localIsClient, HandshakeMessage message) {
        if (ON) {
            INSTANCE.record(localIsClient, false, message);
        }
    }

    /** Whether a value of {@value #PROPERTY} asks for the handshake trace. */
    static boolean enabled(String value) {
        if (value == null) {
            return false;
        }
        for (String word : value.toLowerCase(Locale.ROOT).split("[,\\s]+")) {
            if (word.equals("handshake") || word.equals("all")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a value of {@value #JDK_PROPERTY} asks for the handshake messages (see the class comment). */
    static boolean enabledByJdkSwitch(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.contains("all") || v.contains("handshake") || v.equals("ssl");
    }

    /**
     * One entry: {@code client sent ClientHello (196 bytes)} (or {@code server received ...})
     * and the dissection below it.
     */
    static String entry(boolean localIsClient, boolean sent, HandshakeMessage message) {
        return (localIsClient ? "client" : "server") + (sent ? " sent " : " received ")
                + Dissector.title(message) + " (" + message.encoding().length + " bytes)\n"
                + Dissector.dissect(message);
    }

    /** Logs one entry when this trace is on; does nothing at all otherwise. */
    void record(boolean localIsClient, boolean sent, HandshakeMessage message) {
        if (on) {
            trace.info(() -> entry(localIsClient, sent, message));
        }
    }

    private static String readProperty(String name) {
        try {
            return System.getProperty(name);
        } catch (SecurityException e) {
            return null;
        }
    }
}
