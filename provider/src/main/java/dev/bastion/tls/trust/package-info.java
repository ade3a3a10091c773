/**
 * Key and trust manager plumbing: choosing and adapting the application's managers as SunJSSE
 * does, the default managers from {@code javax.net.ssl.*}, and endpoint identification
 * ({@link dev.bastion.tls.trust.HostnameChecker}).
 */
package dev.bastion.tls.trust;
