package dev.bastion.tls.session;

/**
 * Turns a cached {@link SessionState} into what an {@code SSLSession} shows (protocol and suite
 * names, certificates, server names): the {@code SSLContext} provides it, since names of suites
 * and versions belong to the layers above this one. Used for the sessions an
 * {@code SSLSessionContext} hands out by id.
 */
@FunctionalInterface
public interface SessionViews {

    /** The JSSE view of {@code state}. */
    SessionParameters parameters(SessionState state);
}
