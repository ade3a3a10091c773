package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The provider lists the interop tests run on name providers that really offer what the tests use. */
class ProvidersTest {
    @ParameterizedTest(name = "{0} offers SSLContext TLSv1.3")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTest")
    void underTestOffersTls13(String name) {
        Provider p = Providers.provider(name);
        assertNotNull(p.getService("SSLContext", "TLSv1.3"), name + " has no SSLContext TLSv1.3");
        assertEquals("TLSv1.3", Providers.context(name, "TLSv1.3", null, null).getProtocol());
    }

    @ParameterizedTest(name = "{0} offers SSLContext TLSv1.2")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTestTls12")
    void underTestOffersTls12(String name) {
        assertNotNull(Providers.provider(name).getService("SSLContext", "TLSv1.2"), name + " has no SSLContext TLSv1.2");
    }

    @Test
    void bastionIsFoundThroughItsServiceLoaderRegistration() {
        assertEquals("Bastion", Providers.provider("Bastion").getName());
    }

    @Test
    void testedProvidersAreAllInTheTls13List() {
        assertTrue(Providers.UNDER_TEST.containsAll(Providers.UNDER_TEST_TLS12), "TLS 1.2 list is a subset");
    }
}
