package dev.bastion.tls.it.support;

import java.util.List;

/** The TLS versions the socket scenarios run with. */
public final class Versions {
    private Versions() {
    }

    /**
     * Every socket scenario runs once per version; the ones that differ by version (half-close)
     * say what TLS 1.2 does.
     */
    public static final List<String> SOCKETS = List.of("TLSv1.3", "TLSv1.2");
}
