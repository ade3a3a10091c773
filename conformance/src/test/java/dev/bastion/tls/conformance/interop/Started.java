package dev.bastion.tls.conformance.interop;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The servers a test class starts on first use, once per name, and stops after its last test:
 * {@code get} in the tests, {@code closeAll} in the class's {@code @AfterAll}.
 */
final class Started {
    /** Starts one server. */
    interface Start<T> {
        T start() throws IOException;
    }

    private final Map<String, AutoCloseable> byName = new LinkedHashMap<>();

    /** The server started under {@code name}, starting it with {@code start} the first time. */
    <T extends AutoCloseable> T get(String name, Class<T> type, Start<T> start) throws IOException {
        AutoCloseable server = byName.get(name);
        if (server == null) {
            server = start.start();
            byName.put(name, server);
        }
        return type.cast(server);
    }

    /** Stops every server; the first failure is thrown once all were tried, the others suppressed in it. */
    void closeAll() throws Exception {
        Exception first = null;
        for (AutoCloseable server : byName.values()) {
            try {
                server.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        byName.clear();
        if (first != null) {
            throw first;
        }
    }
}
