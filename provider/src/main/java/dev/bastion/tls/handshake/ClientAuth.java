package dev.bastion.tls.handshake;

/** Whether a server asks for a client certificate ({@code setNeedClientAuth}/{@code setWantClientAuth}). */
public enum ClientAuth {
    NONE,
    /** Asked for; a client without one still connects. */
    WANTED,
    /** Asked for; a client without one gets {@code certificate_required} (TLS 1.3). */
    REQUIRED
}
