package dev.bastion.tls.engine;

import dev.bastion.tls.connection.config.PropertySource;
import dev.bastion.tls.crypto.OcspQuery;
import dev.bastion.tls.diag.Trace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server's OCSP stapling (RFC 6066 §8), shared by every engine and socket of one
 * {@code SSLContext}: asks the CA's responder about the end-entity certificate over HTTP (RFC
 * 6960 Appendix A.1, POST), keeps good answers in a cache, and hands the handshake a response to
 * staple. Configured, as SunJSSE's, by the system properties
 * <ul>
 * <li>{@code jdk.tls.stapling.responseTimeout}: milliseconds to wait for a responder (5000);</li>
 * <li>{@code jdk.tls.stapling.cacheSize}: responses kept (256; 0: no bound);</li>
 * <li>{@code jdk.tls.stapling.cacheLifetime}: seconds a response is kept at most (3600; 0: until its
 *     nextUpdate);</li>
 * <li>{@code jdk.tls.stapling.responderURI}: the responder for certificates whose Authority
 *     Information Access names none; {@code jdk.tls.stapling.responderOverride=true} uses it for
 *     all;</li>
 * <li>{@code jdk.tls.stapling.ignoreExtensions=true}: the client's request extensions (a nonce)
 *     are not passed on. When they are passed on the answer is fetched for that client and never
 *     cached, since it answers its nonce.</li>
 * </ul>
 *
 * <p>A staple is never worth a failed handshake: no issuer in the chain, no responder, a
 * responder that does not answer within the timeout or answers with an error, a response
 * without this certificate, out of date, or not signed by the issuer or a responder it authorized
 * — each means no staple, reported on the
 * {@code dev.bastion.tls.stapling} logger (the first failure as a warning, later ones at debug).
 * Concurrent handshakes for one certificate wait for one fetch rather than each asking the
 * responder. Failures are not cached: the next handshake asks again.
 */
public final class OcspStapler {
    private static final Trace TRACE = Trace.get("stapling");
    /** The largest response stapled: what fits a TLS 1.3 CertificateEntry extension (2^16-1 less the status header). */
    static final int MAX_RESPONSE = 0xFFFF - 4;

    private final Duration timeout;
    private final int cacheSize;
    private final Duration lifetime;
    private final Optional<URI> responder;
    private final boolean override;
    private final boolean ignoreExtensions;
    private final Clock clock;
    private final Map<OcspQuery, Entry> cache;
    private final ConcurrentHashMap<OcspQuery, CompletableFuture<Optional<Entry>>> inFlight = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean warned = new java.util.concurrent.atomic.AtomicBoolean();

    private record Entry(byte[] response, Instant expires) {
    }

    OcspStapler(Duration timeout, int cacheSize, Duration lifetime, Optional<URI> responder, boolean override,
            boolean ignoreExtensions, Clock clock) {
        this.timeout = timeout;
        this.cacheSize = cacheSize;
        this.lifetime = lifetime;
        this.responder = responder;
        this.override = override;
        this.ignoreExtensions = ignoreExtensions;
        this.clock = clock;
        this.cache = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** The stapler the {@code jdk.tls.stapling.*} system properties of {@code src} describe. */
    public static OcspStapler from(PropertySource src) {
        return new OcspStapler(Duration.ofMillis(number(src, "jdk.tls.stapling.responseTimeout", 5000)),
                (int) number(src, "jdk.tls.stapling.cacheSize", 256),
                Duration.ofSeconds(number(src, "jdk.tls.stapling.cacheLifetime", 3600)),
                uri(src.system().apply("jdk.tls.stapling.responderURI")),
                Boolean.parseBoolean(src.system().apply("jdk.tls.stapling.responderOverride")),
                Boolean.parseBoolean(src.system().apply("jdk.tls.stapling.ignoreExtensions")),
                Clock.systemUTC());
    }

    /** The response to staple for {@code chain.get(0)}; see the class comment. Never throws. */
    Optional<byte[]> staple(List<X509Certificate> chain, byte[] requestExtensions) {
        try {
            return find(chain, requestExtensions);
        } catch (RuntimeException e) {
            failed(() -> "no OCSP staple: " + e);
            return Optional.empty();
        }
    }

    private Optional<byte[]> find(List<X509Certificate> chain, byte[] requestExtensions) {
        if (chain.size() < 2) {
            TRACE.debug(() -> "no OCSP staple: the chain has no issuer certificate for the OCSP request");
            return Optional.empty();
        }
        X509Certificate cert = chain.get(0);
        if (!cert.getIssuerX500Principal().equals(chain.get(1).getSubjectX500Principal())) {
            TRACE.debug(() -> "no OCSP staple: the certificate after " + cert.getSubjectX500Principal()
                    + " is not its issuer " + cert.getIssuerX500Principal());
            return Optional.empty();
        }
        Optional<URI> uri = responderFor(cert);
        if (uri.isEmpty()) {
            TRACE.debug(() -> "no OCSP staple for " + cert.getSubjectX500Principal()
                    + ": it names no OCSP responder and jdk.tls.stapling.responderURI is not set");
            return Optional.empty();
        }
        OcspQuery query = OcspQuery.of(cert, chain.get(1));
        byte[] extensions = ignoreExtensions ? new byte[0] : requestExtensions;
        if (extensions.length > 0) {
            return fetch(query, uri.get(), extensions).map(Entry::response); // answers this client's nonce: not shared
        }
        Optional<Entry> cached = cached(query);
        if (cached.isPresent()) {
            return cached.map(Entry::response);
        }
        CompletableFuture<Optional<Entry>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Entry>> running = inFlight.putIfAbsent(query, mine);
        if (running != null) {
            return await(running).map(Entry::response);
        }
        try {
            Optional<Entry> fetched = fetch(query, uri.get(), extensions);
            fetched.ifPresent(e -> remember(query, e));
            mine.complete(fetched);
            return fetched.map(Entry::response);
        } catch (RuntimeException | Error e) {
            mine.complete(Optional.empty()); // those waiting for it go on without a staple
            throw e;
        } finally {
            inFlight.remove(query, mine);
        }
    }

    private Optional<Entry> await(CompletableFuture<Optional<Entry>> running) {
        try {
            return running.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }

    private Optional<Entry> cached(OcspQuery query) {
        synchronized (cache) {
            Entry e = cache.get(query);
            if (e == null) {
                return Optional.empty();
            }
            if (!clock.instant().isBefore(e.expires())) {
                cache.remove(query);
                return Optional.empty();
            }
            return Optional.of(e);
        }
    }

    private void remember(OcspQuery query, Entry e) {
        synchronized (cache) {
            cache.put(query, e);
            if (cacheSize > 0) {
                var it = cache.keySet().iterator();
                while (cache.size() > cacheSize) {
                    it.next();
                    it.remove();
                }
            }
        }
    }

    /** How many responses the cache holds (tests). */
    int cached() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private Optional<Entry> fetch(OcspQuery query, URI uri, byte[] extensions) {
        long start = System.nanoTime();
        byte[] request;
        try {
            request = query.request(extensions);
        } catch (IllegalArgumentException e) {
            TRACE.debug(() -> "no OCSP staple: the client's " + e.getMessage());
            return Optional.empty();
        }
        byte[] response;
        try {
            response = post(uri, request);
        } catch (IOException | IllegalArgumentException e) {
            failed(() -> "no OCSP staple: asking " + uri + " for " + query + " failed: " + e);
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Instant> nextUpdate;
        try {
            nextUpdate = query.accept(response, now);
        } catch (OcspQuery.Unusable e) {
            failed(() -> "no OCSP staple from " + uri + " for " + query + ": " + e.getMessage());
            return Optional.empty();
        }
        Instant expires = lifetime.isZero() ? nextUpdate.orElse(Instant.MAX) : now.plus(lifetime);
        if (nextUpdate.isPresent() && nextUpdate.get().isBefore(expires)) {
            expires = nextUpdate.get();
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        TRACE.debug(() -> "OCSP response for " + query + " from " + uri + " (" + response.length + " bytes, " + ms
                + " ms)");
        return Optional.of(new Entry(response, expires));
    }

    /**
     * A responder failed: the first failure of this context is a warning (stapling was turned
     * on and does not work), the others are debug messages, so that a responder that is down
     * does not write one line per handshake.
     */
    private void failed(java.util.function.Supplier<String> message) {
        if (warned.compareAndSet(false, true)) {
            TRACE.warning(() -> message.get() + " (later failures are logged at DEBUG on " + TRACE.name() + ")");
        } else {
            TRACE.debug(message);
        }
    }

    /** RFC 6960 A.1: POST application/ocsp-request, 200 with application/ocsp-response. */
    private byte[] post(URI uri, byte[] request) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpURLConnection http = (HttpURLConnection) uri.toURL().openConnection();
        try {
            int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            http.setConnectTimeout(ms);
            http.setReadTimeout(ms);
            http.setUseCaches(false);
            http.setInstanceFollowRedirects(false);
            http.setDoOutput(true);
            http.setRequestMethod("POST");
            http.setRequestProperty("Content-Type", "application/ocsp-request");
            http.setRequestProperty("Accept", "application/ocsp-response");
            http.setFixedLengthStreamingMode(request.length);
            try (OutputStream out = http.getOutputStream()) {
                out.write(request);
            }
            int status = http.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("HTTP status " + status);
            }
            long declared = http.getContentLengthLong();
            if (declared > MAX_RESPONSE) {
                throw new IOException("a response of " + declared + " bytes, more than the " + MAX_RESPONSE + " a staple holds");
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            try (InputStream in = http.getInputStream()) {
                for (int n; (n = in.read(buf)) != -1;) {
                    body.write(buf, 0, n);
                    if (body.size() > MAX_RESPONSE) {
                        throw new IOException("a response of more than the " + MAX_RESPONSE + " bytes a staple holds");
                    }
                    if (System.nanoTime() - deadline > 0) {
                        throw new IOException("no whole response within " + timeout.toMillis() + " ms");
                    }
                }
            }
            return body.toByteArray();
        } finally {
            http.disconnect();
        }
    }

    private Optional<URI> responderFor(X509Certificate cert) {
        if (override && responder.isPresent()) {
            return responder;
        }
        Optional<URI> named = OcspQuery.responderUri(cert).flatMap(OcspStapler::parsed);
        return named.isPresent() ? named : responder;
    }

    private static Optional<URI> parsed(String uri) {
        try {
            return Optional.of(new URI(uri));
        } catch (URISyntaxException e) {
            TRACE.debug(() -> "ignoring the OCSP responder " + uri + " a certificate names: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<URI> uri(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            URI u = new URI(value.trim());
            if (!"http".equalsIgnoreCase(u.getScheme())) {
                TRACE.warning(() -> "ignoring jdk.tls.stapling.responderURI=" + value + ": only http responders are asked");
                return Optional.empty();
            }
            return Optional.of(u);
        } catch (URISyntaxException e) {
            TRACE.warning(() -> "ignoring jdk.tls.stapling.responderURI=" + value + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static long number(PropertySource src, String property, long fallback) {
        String v = src.system().apply(property);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n >= 0 && n <= Integer.MAX_VALUE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        TRACE.warning(() -> "ignoring " + property + "=" + v + ": not a number in 0.." + Integer.MAX_VALUE + "; using "
                + fallback);
        return fallback;
    }
}
