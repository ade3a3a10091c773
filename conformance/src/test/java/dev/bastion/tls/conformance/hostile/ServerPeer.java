package dev.bastion.tls.conformance.hostile;

import dev.bastion.tls.conformance.interop.TestPki;
import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import dev.bastion.tls.crypto.Encapsulation;
import dev.bastion.tls.crypto.NamedGroup;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;

/**
 * The hostile TLS 1.3 server, facing a client engine under test. Each step has a correct
 * default a scenario can replace or distort: {@link #serverHello()} returns an editable
 * {@link Hello}; {@link #ee}, {@link #certificate}, {@link #certificateVerify} and
 * {@link #finished} build the encrypted flight over the transcript of what precedes them;
 * {@link #sendFlight} sends and hashes it. The certificate is the interop ECDSA P-256 server
 * certificate, signed over with ecdsa_secp256r1_sha256.
 */
final class ServerPeer extends Peer {
    HelloView clientHello;
    private boolean clientHelloHashed;
    private Encapsulation kem;

    private ServerPeer(Victim victim) {
        super(victim);
    }

    /** A client engine with these protocols, started; its ClientHello read. */
    static ServerPeer connect(String provider, String[] protocols, Consumer<SSLEngine> configure) {
        ServerPeer p = new ServerPeer(Victims.client(provider, protocols, configure));
        p.victim.start();
        p.clientHello = HelloView.client(p.expect(Tls.CLIENT_HELLO, "ClientHello"));
        return p;
    }

    static ServerPeer connect(String provider) {
        return connect(provider, Victims.TLS13, e -> { });
    }

    /** Sends a correct ServerHello after {@code edit} changed it. */
    ServerPeer hello(Consumer<Hello> edit) {
        Hello h = serverHello();
        edit.accept(h);
        sendServerHello(h);
        return this;
    }

    /** A correct ServerHello: TLS_AES_128_GCM_SHA256, an X25519 share answering the client's. */
    Hello serverHello() {
        return serverHello(Tls.X25519);
    }

    Hello serverHello(int group) {
        Hello h = new Hello(false, random32(), clientHello.sessionId);
        h.suites.add(Tls.TLS_AES_128_GCM_SHA256);
        byte[] theirs = clientHello.clientShares().get(group);
        if (theirs == null) {
            throw new ScriptStop("the victim sent no key share for group 0x" + Integer.toHexString(group));
        }
        kem = NamedGroup.fromCode(group).orElseThrow().encapsulate(theirs, RANDOM);
        h.add(Exts.selectedVersion(Tls.TLS13)).add(Exts.serverShare(group, kem.publicValue()));
        return h;
    }

    /**
     * Sends the ServerHello in the clear; when the peer made a key share for it, derives the
     * handshake secrets first (so the victim's answer can be read) and writes with the server
     * handshake key afterwards.
     */
    void sendServerHello(Hello h) {
        sendServerHello(h, 0, new byte[0]);
    }

    /**
     * As {@link #sendServerHello(Hello)}, cut into records of {@code size} bytes (0: one
     * record), or with {@code sameRecord} (more plaintext handshake bytes) in its record.
     */
    void sendServerHello(Hello h, int size, byte[] sameRecord) {
        byte[] sh = h.encode();
        startTranscript(h.suites.get(0));
        schedule.add(sh);
        if (kem != null) {
            schedule.handshakeSecrets(kem.sharedSecret());
            expectVictimKey(schedule.cipher(schedule.clientHandshake));
        }
        sendRaw(size == 0 ? Rec.plain(Tls.HANDSHAKE, Bytes.concat(sh, sameRecord))
                : Rec.split(Tls.HANDSHAKE, Tls.TLS12, sh, size));
        if (kem != null) {
            writer = schedule.cipher(schedule.serverHandshake);
        }
    }

    /** Sends a HelloRetryRequest and reads the second ClientHello (RFC 8446 §4.1.4). */
    void sendHelloRetryRequest(Hello hrr) {
        byte[] m = hrr.encode();
        startTranscript(hrr.suites.get(0));
        schedule.replaceClientHello1();
        schedule.add(m);
        sendRaw(Rec.plain(Tls.HANDSHAKE, m));
        clientHello = HelloView.client(expect(Tls.CLIENT_HELLO, "second ClientHello"));
        schedule.add(clientHello.encoding);
        kem = null;
    }

    /** A HelloRetryRequest asking for {@code group}. */
    Hello helloRetryRequest(int group) {
        Hello h = new Hello(false, Tls.HRR_RANDOM.clone(), clientHello.sessionId);
        h.suites.add(Tls.TLS_AES_128_GCM_SHA256);
        h.add(Exts.selectedVersion(Tls.TLS13)).add(Exts.selectedGroup(group));
        return h;
    }

    byte[] ee(Ext... extensions) {
        return Msg.encryptedExtensions(List.of(extensions));
    }

    byte[] certificate() {
        return Msg.certificate(new byte[0], ders(TestPki.get().server(ServerKey.EC).chain()));
    }

    static List<byte[]> ders(List<X509Certificate> chain) {
        List<byte[]> ders = new ArrayList<>();
        try {
            for (X509Certificate c : chain) {
                ders.add(c.getEncoded());
            }
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return ders;
    }

    /** CertificateVerify over the transcript followed by {@code before} (not yet hashed). */
    byte[] certificateVerify(byte[]... before) {
        return Msg.certificateVerify(Tls.ECDSA_SECP256R1_SHA256, sign(hashWith(before)));
    }

    /** ECDSA P-256 / SHA-256 over the server's CertificateVerify content for this transcript hash. */
    static byte[] sign(byte[] transcriptHash) {
        return sign(transcriptHash, true);
    }

    /** As {@link #sign(byte[])}, with the server's or (wrongly) the client's context string. */
    static byte[] sign(byte[] transcriptHash, boolean serverContext) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(TestPki.get().server(ServerKey.EC).key());
            s.update(Msg.signedContent(serverContext, transcriptHash));
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server Finished over the transcript followed by {@code before}. */
    byte[] finished(byte[]... before) {
        return Msg.finished(schedule.serverHandshake.finishedVerifyData(hashWith(before)));
    }

    /** The default encrypted flight: EE, Certificate, CertificateVerify, Finished. */
    List<byte[]> flight() {
        byte[] ee = ee();
        byte[] cert = certificate();
        byte[] cv = certificateVerify(ee, cert);
        return List.of(ee, cert, cv, finished(ee, cert, cv));
    }

    /**
     * Sends messages of the encrypted flight coalesced in one record ({@code size} 0) or cut
     * into records of {@code size} bytes. When the last one is a Finished, the application
     * secrets are derived and the server writes with its application key afterwards.
     */
    void sendFlight(List<byte[]> messages, int size) {
        sendFlight(messages, size, null);
    }

    /**
     * As {@link #sendFlight(List, int)}; when the flight ends with the Finished and
     * {@code halfRttData} is not null, that data follows in the same write under the server's
     * application key (0.5-RTT data, RFC 8446 §2).
     */
    void sendFlight(List<byte[]> messages, int size, byte[] halfRttData) {
        byte[][] m = messages.toArray(new byte[0][]);
        boolean finishing = (m[m.length - 1][0] & 0xFF) == Tls.FINISHED;
        if (finishing) {
            // the victim answers at once: know its keys before it writes
            for (byte[] x : m) {
                schedule.add(x);
            }
            schedule.applicationSecrets();
            expectVictimKey(schedule.cipher(schedule.clientApplication));
            byte[] all = Bytes.concat(m);
            byte[] flight = size == 0 ? writer.seal(Tls.HANDSHAKE, all) : fragments(all, size);
            writer = schedule.cipher(schedule.serverApplication);
            sendRaw(halfRttData == null ? flight : Bytes.concat(flight, writer.seal(Tls.APPLICATION_DATA, halfRttData)));
        } else if (size == 0) {
            sendHandshake(m);
        } else {
            sendHandshakeFragmented(size, m);
        }
    }

    void sendFlight(List<byte[]> messages) {
        sendFlight(messages, 0);
    }

    /** A whole correct handshake; returns after the client's Finished was read. */
    ServerPeer handshake() {
        sendServerHello(serverHello());
        sendFlight(flight());
        expect(Tls.FINISHED, "client Finished");
        return this;
    }

    /** Sends a KeyUpdate under the current key, then writes with the next one (RFC 8446 §4.6.3). */
    void sendKeyUpdate(int request) {
        send(Tls.HANDSHAKE, Msg.keyUpdate(request));
        schedule.serverApplication = schedule.serverApplication.next();
        writer = schedule.cipher(schedule.serverApplication);
        if (request == 1) {
            schedule.clientApplication = schedule.clientApplication.next();
            expectVictimKey(schedule.cipher(schedule.clientApplication));
        }
    }

    private byte[] fragments(byte[] all, int size) {
        Bytes wire = new Bytes();
        for (int at = 0; at < all.length; at += size) {
            wire.raw(writer.seal(Tls.HANDSHAKE, java.util.Arrays.copyOfRange(all, at, Math.min(all.length, at + size))));
        }
        return wire.toArray();
    }

    private void startTranscript(int suite) {
        if (schedule == null) {
            schedule = new Schedule(suite);
        }
        if (!clientHelloHashed) {
            schedule.add(clientHello.encoding);
            clientHelloHashed = true;
        }
    }

    /** The transcript hash with {@code before} appended (not hashed into the transcript). */
    byte[] hashWith(byte[]... before) {
        byte[] extra = Bytes.concat(before);
        return schedule.transcript.currentWith(schedule.hash, extra, 0, extra.length);
    }

    private static byte[] random32() {
        byte[] r = new byte[32];
        RANDOM.nextBytes(r);
        return r;
    }
}
