package dev.bastion.tls.conformance.matrix;

import java.util.List;

/** A peer acting as client: connects to the subject's server once, or twice to resume, and says how each went. */
@FunctionalInterface
interface PeerClient {
    /** One account per connection made (or a single failed one when it could not start). */
    List<PeerAccount> connect(int port, int connections) throws Exception;
}
