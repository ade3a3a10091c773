/**
 * Trust and keys without SunJSSE: {@link dev.bastion.tls.trust.PkixTrustManager} (PKIX
 * validation by the JDK's {@code CertPathValidator}, TLS key usage checks, endpoint
 * identification by {@link dev.bastion.tls.trust.HostnameChecker}),
 * {@link dev.bastion.tls.trust.PkixKeyManager} (choice by key type, issuer and SNI over
 * {@code KeyStore.Builder}s), the default managers from {@code javax.net.ssl.*}
 * ({@link dev.bastion.tls.trust.KeyStoreLoader}), and choosing and adapting the application's
 * own managers as SunJSSE does ({@link dev.bastion.tls.trust.KeyManagers},
 * {@link dev.bastion.tls.trust.TrustManagers}).
 */
package dev.bastion.tls.trust;
