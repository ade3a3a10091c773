package dev.bastion.tls.conformance.hostile;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.KeyShare;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.Tls12KeyBlock;
import dev.bastion.tls.crypto.Tls12MasterSecret;
import dev.bastion.tls.crypto.TranscriptHash;
import java.io.ByteArrayOutputStream;

/**
 * What the two TLS 1.2 hostile roles share (RFC 5246 §7.3, §7.4.9, §8.1; RFC 7627 §4): the
 * handshake messages as they went over the wire (hashed with the suite's PRF hash when needed),
 * the X25519 key share, the master secret and key block from Bastion's {@code crypto} package,
 * and the peer's own TLS 1.2 record protection ({@link RecordCipher12}). Everything the victim
 * writes after its ChangeCipherSpec is protected, whatever its content type.
 */
abstract class Peer12 extends Peer {
    /** TLS 1.2 only, so the victim cannot answer with TLS 1.3. */
    static final String[] TLS12 = {"TLSv1.2"};

    final KeyShare x25519 = NamedGroup.X25519.generate(RANDOM);
    private final ByteArrayOutputStream messages = new ByteArrayOutputStream();
    byte[] clientRandom;
    byte[] serverRandom;
    CipherSuite suite;
    /** Whether the hellos negotiated extended_master_secret (RFC 7627 §5.1). */
    boolean ems;
    Tls12MasterSecret master;
    Tls12KeyBlock keys;
    /** The peer's TLS 1.2 write protection; null while it writes in the clear. */
    Protection writer12;

    Peer12(Victim victim) {
        super(victim);
    }

    @Override
    void hashed(byte[] message) {
        messages.writeBytes(message);
    }

    @Override
    byte[] protect(int type, byte[] content) {
        return writer12 == null ? Rec.plain(type, content) : writer12.seal(type, content);
    }

    @Override
    boolean isProtected(Rec r) {
        return ccsReceived() > 0;
    }

    /** The handshake messages so far, as they went over the wire (what a TLS 1.2 CertificateVerify signs, RFC 5246 §7.4.8). */
    byte[] messages() {
        return messages.toByteArray();
    }

    /** Hash(handshake_messages) with the suite's PRF hash, {@code extra} appended (not recorded). */
    byte[] hash(byte[]... extra) {
        TranscriptHash t = TranscriptHash.of(suite.hash());
        t.update(messages.toByteArray());
        byte[] e = Bytes.concat(extra);
        return t.currentWith(suite.hash(), e, 0, e.length);
    }

    /**
     * The master secret from {@code preMaster} (RFC 5246 §8.1, or RFC 7627 §4 over the messages
     * so far, which must end with the ClientKeyExchange) and the key block (§6.3).
     */
    void deriveKeys(byte[] preMaster) {
        master = ems ? Tls12MasterSecret.fromPreMasterExtended(suite, preMaster, hash())
                : Tls12MasterSecret.fromPreMaster(suite, preMaster, clientRandom, serverRandom);
        keys = master.keyBlock(clientRandom, serverRandom);
    }

    /** ECDHE ClientKeyExchange: {@code opaque point <1..2^8-1>} (RFC 8422 §5.7). */
    static byte[] clientKeyExchange(byte[] point) {
        return Msg.handshake(Tls.CLIENT_KEY_EXCHANGE, b -> b.vec8("point", point));
    }

    /** Finished with these verify_data bytes (RFC 5246 §7.4.9). */
    static byte[] finishedMessage(byte[] verifyData) {
        return Msg.finished(verifyData);
    }

    /** TLS 1.2 Certificate: {@code ASN.1Cert certificate_list<0..2^24-1>} (RFC 5246 §7.4.2). */
    static byte[] certificate12(java.util.List<byte[]> ders) {
        return Msg.handshake(Tls.CERTIFICATE, b -> b.vec24("certificate_list", l -> ders.forEach(d -> l.vec24("cert", d))));
    }

    /** ChangeCipherSpec in the clear, then writes with {@code key} (RFC 5246 §7.1). */
    void changeCipherSpec(Protection key) {
        sendCcs();
        writer12 = key;
    }

    /** The message type of a handshake message. */
    static int type(byte[] message) {
        return message[0] & 0xFF;
    }
}
