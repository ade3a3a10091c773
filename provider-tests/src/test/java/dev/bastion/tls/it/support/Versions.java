package dev.bastion.tls.it.support;

import java.util.List;

/** The TLS versions the socket scenarios run with. */
public final class Versions {
    private Versions() {
    }

    /**
     * TLS 1.3 only until Bastion's TLS 1.2 handshake is merged (its {@code Protocol.TLS12} is
     * then implemented); add {@code "TLSv1.2"} here and every socket scenario runs with it too
     * (the scenarios that differ by version, half-close and the timing of a refused handshake,
     * already say what TLS 1.2 does).
     */
    public static final List<String> SOCKETS = List.of("TLSv1.3");
}
