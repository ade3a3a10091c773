package dev.bastion.tls.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The TLS versions the socket scenarios run with. */
public final class Versions {
    private Versions() {
    }

    /**
     * Every socket scenario runs once per version; the ones that differ by version (half-close)
     * say what TLS 1.2 does.
     */
    public static final List<String> SOCKETS = List.of("TLSv1.3", "TLSv1.2");

    /** (provider, version) for each provider under test and each of {@link #SOCKETS}. */
    public static Stream<Arguments> providersAndVersions() {
        List<Arguments> out = new ArrayList<>();
        for (String p : Providers.UNDER_TEST) {
            for (String v : SOCKETS) {
                out.add(Arguments.of(p, v));
            }
        }
        return out.stream();
    }

    /** (client provider, server provider, version) for each of {@link Providers#pairs()} and {@link #SOCKETS}. */
    public static Stream<Arguments> pairsAndVersions() {
        List<Arguments> out = new ArrayList<>();
        for (String[] pair : Providers.pairs()) {
            for (String v : SOCKETS) {
                out.add(Arguments.of(pair[0], pair[1], v));
            }
        }
        return out.stream();
    }
}
