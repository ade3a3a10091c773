package dev.bastion.tls.handshake.tls13.common;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.TrafficSecret;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.message.KeyUpdate;

/**
 * The current application traffic secrets of both directions after a TLS 1.3 handshake, and
 * KeyUpdate (RFC 8446 §4.6.3, §7.2): each update moves one direction to the next generation
 * and wipes the previous secret.
 */
public final class ApplicationTraffic {
    private final CipherSuite suite;
    private final TrafficSecret read;
    private final TrafficSecret write;

    ApplicationTraffic(CipherSuite suite, TrafficSecret read, TrafficSecret write) {
        this.suite = suite;
        this.read = read;
        this.write = write;
    }

    public CipherSuite suite() {
        return suite;
    }

    /** Installs the first read keys (the peer's application traffic). */
    public void installRead(HandshakeIo io) {
        io.installReadKeys13(read.keys(suite.aead()));
    }

    /** Installs the first write keys (our application traffic). */
    public void installWrite(HandshakeIo io) {
        io.installWriteKeys13(write.keys(suite.aead()));
    }

    /**
     * The peer sent a KeyUpdate: what it sends next uses its next secret. When it asks for an
     * update too, we answer with KeyUpdate(update_not_requested) and update our write side
     * after it ("prior to sending its next Application Data record", RFC 8446 §4.6.3).
     */
    public ApplicationTraffic received(KeyUpdate update, HandshakeIo io) {
        TrafficSecret nextRead = read.next();
        io.installReadKeys13(nextRead.keys(suite.aead()));
        if (!update.updateRequested()) {
            return new ApplicationTraffic(suite, nextRead, write);
        }
        return new ApplicationTraffic(suite, nextRead, write).send(false, io);
    }

    /** We update our write side: KeyUpdate under the old keys, then the next secret's keys. */
    public ApplicationTraffic send(boolean requestPeerUpdate, HandshakeIo io) {
        io.send(new KeyUpdate(requestPeerUpdate));
        TrafficSecret nextWrite = write.next();
        io.installWriteKeys13(nextWrite.keys(suite.aead()));
        return new ApplicationTraffic(suite, read, nextWrite);
    }

    @Override
    public String toString() {
        return "ApplicationTraffic(" + suite + ")";
    }
}
