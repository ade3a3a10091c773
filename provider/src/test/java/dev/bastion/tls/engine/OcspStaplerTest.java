package dev.bastion.tls.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.connection.config.PropertySource;
import dev.bastion.tls.testutil.FakeOcspResponder;
import dev.bastion.tls.testutil.FakeOcspResponder.Mode;
import dev.bastion.tls.testutil.TestCert;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link OcspStapler}'s cache, its bounds and what it passes on to the responder. */
@Timeout(60)
class OcspStaplerTest {
    private TestCert.Issued ca;
    private FakeOcspResponder responder;
    private List<X509Certificate> chain;
    private final MutableClock clock = new MutableClock(Instant.now());

    @BeforeEach
    void pki() throws Exception {
        ca = TestCert.ca("CN=Stapler Test CA");
        responder = new FakeOcspResponder(ca);
        chain = chainFor("CN=one");
    }

    @AfterEach
    void stop() {
        responder.close();
    }

    @Test
    void cachedUntilTheLifetimeEnds() {
        OcspStapler s = stapler(Duration.ofMinutes(10), 256, false);
        assertTrue(s.staple(chain, new byte[0]).isPresent());
        clock.advance(Duration.ofMinutes(9));
        assertTrue(s.staple(chain, new byte[0]).isPresent());
        assertEquals(1, responder.requests().size());
        clock.advance(Duration.ofMinutes(2));
        assertTrue(s.staple(chain, new byte[0]).isPresent());
        assertEquals(2, responder.requests().size(), "asked again once the lifetime passed");
    }

    @Test
    void nextUpdateEndsTheEntryBeforeTheLifetime() {
        OcspStapler s = stapler(Duration.ofDays(7), 256, false); // the responder's nextUpdate is a day away
        assertTrue(s.staple(chain, new byte[0]).isPresent());
        clock.advance(Duration.ofHours(23));
        assertTrue(s.staple(chain, new byte[0]).isPresent());
        assertEquals(1, responder.requests().size());
        clock.advance(Duration.ofHours(2));
        s.staple(chain, new byte[0]); // the fresh answer is stale by the moved clock: fetched, then refused
        assertEquals(2, responder.requests().size(), "a response past its nextUpdate is not served from the cache");
    }

    @Test
    void zeroLifetimeKeepsUntilNextUpdate() {
        OcspStapler s = stapler(Duration.ZERO, 256, false);
        s.staple(chain, new byte[0]);
        clock.advance(Duration.ofHours(20));
        s.staple(chain, new byte[0]);
        assertEquals(1, responder.requests().size());
    }

    @Test
    void cacheSizeIsBounded() throws Exception {
        OcspStapler s = stapler(Duration.ofHours(1), 2, false);
        s.staple(chain, new byte[0]);
        s.staple(chainFor("CN=two"), new byte[0]);
        s.staple(chainFor("CN=three"), new byte[0]);
        assertEquals(2, s.cached());
        s.staple(chain, new byte[0]);
        assertEquals(4, responder.requests().size(), "the least recently used entry went first");
    }

    @Test
    void clientNoncesArePassedOnAndTheirAnswersNotShared() throws Exception {
        byte[] nonce = nonceExtensions(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        OcspStapler s = stapler(Duration.ofHours(1), 256, false);
        assertTrue(s.staple(chain, nonce).isPresent());
        assertTrue(s.staple(chain, nonce).isPresent());
        assertEquals(2, responder.requests().size(), "an answer to one client's nonce is not cached");
        assertEquals(0, s.cached());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8},
                responder.requests().get(0).getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue().getOctets());
    }

    @Test
    void ignoreExtensionsDropsTheNonceAndCaches() throws Exception {
        byte[] nonce = nonceExtensions(new byte[] {9, 9, 9, 9});
        OcspStapler s = stapler(Duration.ofHours(1), 256, true);
        s.staple(chain, nonce);
        s.staple(chain, nonce);
        assertEquals(1, responder.requests().size());
        assertFalse(responder.requests().get(0).hasExtensions());
    }

    @Test
    void chainWhoseSecondCertificateIsNotTheIssuerIsNotAsked() throws Exception {
        OcspStapler s = stapler(Duration.ofHours(1), 256, false);
        TestCert.Issued other = TestCert.ca("CN=Another CA");
        assertEquals(Optional.empty(), s.staple(List.of(chain.get(0), other.cert()), new byte[0]));
        assertEquals(0, responder.requests().size());
    }

    @Test
    void malformedClientExtensionsMeanNoStaple() {
        OcspStapler s = stapler(Duration.ofHours(1), 256, false);
        assertEquals(Optional.empty(), s.staple(chain, new byte[] {0x04, 0x01, 0x00}));
        assertEquals(0, responder.requests().size());
    }

    @Test
    void concurrentHandshakesShareOneFetch() throws Exception {
        responder.mode(Mode.SLOW).delay(Duration.ofMillis(500));
        OcspStapler s = stapler(Duration.ofHours(1), 256, false);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<byte[]>>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return s.staple(chain, new byte[0]);
                }));
            }
            go.countDown();
            for (Future<Optional<byte[]>> f : results) {
                assertTrue(f.get().isPresent());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(responder.requests().size() < 4, "handshakes that arrive during a fetch wait for it: "
                + responder.requests().size() + " requests");
    }

    @Test
    void propertiesAreReadAsSunJsseNamesThem() throws Exception {
        OcspStapler s = OcspStapler.from(PropertySource.of(Map.of("jdk.tls.stapling.responderURI", responder.uri(),
                "jdk.tls.stapling.responderOverride", "true", "jdk.tls.stapling.cacheSize", "1"), Map.of()));
        List<X509Certificate> deadResponder = List.of(
                TestCert.of("CN=x").issuer(ca).ocspResponder("http://127.0.0.1:1/x").issue().cert(), ca.cert());
        assertTrue(s.staple(deadResponder, new byte[0]).isPresent(), "responderOverride sent the request to responderURI");
        assertEquals(1, s.cached());
    }

    private OcspStapler stapler(Duration lifetime, int size, boolean ignoreExtensions) {
        return new OcspStapler(Duration.ofSeconds(10), size, lifetime, Optional.empty(), false, ignoreExtensions, clock);
    }

    private List<X509Certificate> chainFor(String subject) throws Exception {
        return List.of(TestCert.of(subject).issuer(ca).ocspResponder(responder.uri()).issue().cert(), ca.cert());
    }

    private static byte[] nonceExtensions(byte[] nonce) throws Exception {
        return new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                new DEROctetString(nonce))).getEncoded();
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
