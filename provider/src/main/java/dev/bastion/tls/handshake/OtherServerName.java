package dev.bastion.tls.handshake;

import javax.net.ssl.SNIServerName;

/** A requested server name of a type other than host_name (RFC 6066 §3), kept as its bytes. */
final class OtherServerName extends SNIServerName {
    OtherServerName(int type, byte[] encoded) {
        super(type, encoded);
    }
}
