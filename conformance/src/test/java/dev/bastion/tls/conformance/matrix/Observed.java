package dev.bastion.tls.conformance.matrix;

import dev.bastion.tls.conformance.interop.SessionView;
import dev.bastion.tls.conformance.interop.WireView;
import java.util.List;

/**
 * One connection as the subject saw it: its session, the group Bastion's session names, the
 * hellos on the wire, the subject's handshake trace for this connection, and what the other end
 * sent as application data (the peer server's page, or the peer client's request).
 */
record Observed(SessionView session, String sessionGroup, WireView wire, List<String> trace, String peerText) {
}
