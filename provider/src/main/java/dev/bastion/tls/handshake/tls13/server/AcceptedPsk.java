package dev.bastion.tls.handshake.tls13.server;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.EarlySecret;
import dev.bastion.tls.session.SessionState;

/**
 * A ticket the server resumes with (RFC 8446 §4.2.11): which identity it was, the session it
 * carried, the PSK's early secret (its binder already checked; the key schedule continues from
 * it), whether (EC)DHE joins the PSK (psk_dhe_ke) or not (psk_ke), and the session's suite (the
 * handshake's: the PSK's hash is its hash).
 */
record AcceptedPsk(int index, SessionState state, EarlySecret early, boolean dhe, CipherSuite suite) {

    @Override
    public String toString() {
        return "AcceptedPsk(identity " + index + ", " + (dhe ? "psk_dhe_ke" : "psk_ke") + ", " + state + ")";
    }
}
