package dev.bastion.tls.bench;

import java.security.KeyStore;
import javax.net.ssl.SSLContext;

/** Contexts made while system properties hold values both SunJSSE and Bastion read at that moment. */
final class Contexts {
    private static final String[] TICKET_PROPERTIES = {
        "jdk.tls.client.enableSessionTicketExtension", "jdk.tls.server.enableSessionTicketExtension"};

    private Contexts() {
    }

    /**
     * A context of {@code provider} over {@code ks}, with TLS 1.2 session tickets (RFC 5077) on or
     * off for both sides; off, a TLS 1.2 session is cached by the server under its id.
     */
    static SSLContext withTickets(String provider, KeyStore ks, boolean tickets) throws Exception {
        String[] saved = new String[TICKET_PROPERTIES.length];
        for (int i = 0; i < saved.length; i++) {
            saved[i] = System.getProperty(TICKET_PROPERTIES[i]);
            System.setProperty(TICKET_PROPERTIES[i], String.valueOf(tickets));
        }
        try {
            return TestCredentials.context(provider, ks);
        } finally {
            for (int i = 0; i < saved.length; i++) {
                if (saved[i] == null) {
                    System.clearProperty(TICKET_PROPERTIES[i]);
                } else {
                    System.setProperty(TICKET_PROPERTIES[i], saved[i]);
                }
            }
        }
    }
}
