package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.testutil.NamedHex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The typed TLS 1.3 key schedule against the RFC 8448 traces: every secret, key, IV,
 * Finished value and binder, with transcript hashes computed by {@link TranscriptHash} over
 * the RFC's handshake messages. Intermediate stage secrets (early, handshake, master) are
 * not exposed by the API; {@link Rfc8448HkdfChainTest} checks those byte for byte.
 */
class KeySchedule13Rfc8448Test {
    private static final NamedHex S3 = NamedHex.load("/rfc8448/section3.txt");
    private static final NamedHex S4 = NamedHex.load("/rfc8448/section4.txt");
    private static final HashAlgorithm H = HashAlgorithm.SHA256;
    private static final AeadAlgorithm AEAD = AeadAlgorithm.AES_128_GCM; // TLS_AES_128_GCM_SHA256

    /** RFC 8448 §3 "Simple 1-RTT Handshake", as the client sees it (suite unknown at ClientHello). */
    @Test
    void section3SimpleOneRtt() {
        TranscriptHash transcript = new TranscriptHash();
        transcript.update(S3.get("client_hello"));
        transcript.update(S3.get("server_hello"));
        transcript.selectHash(H); // ServerHello chose TLS_AES_128_GCM_SHA256

        EarlySecret early = EarlySecret.withoutPsk(H);
        HandshakeSecret hs = early.handshakeSecret(S3.get("ecdhe_shared_secret"));
        assertTrue(early.isDestroyed(), "early secret is wiped once superseded");

        byte[] helloHash = transcript.current();
        TrafficSecret cHs = hs.clientHandshakeTrafficSecret(helloHash);
        TrafficSecret sHs = hs.serverHandshakeTrafficSecret(helloHash);
        assertSecret(S3, "client_handshake_traffic_secret", cHs);
        assertSecret(S3, "server_handshake_traffic_secret", sHs);
        assertKeys(S3, "server_handshake", sHs.keys(AEAD));
        assertKeys(S3, "client_handshake", cHs.keys(AEAD));
        MasterSecret ms = hs.masterSecret();
        assertTrue(hs.isDestroyed(), "handshake secret is wiped once superseded");

        transcript.update(S3.get("encrypted_extensions"));
        transcript.update(S3.get("certificate"));
        transcript.update(S3.get("certificate_verify"));
        byte[] serverFinished = S3.get("server_finished");
        byte[] beforeServerFinished = transcript.current();
        assertArrayEquals(finishedBody(serverFinished), sHs.finishedVerifyData(beforeServerFinished));
        assertNotNull(sHs.verifyFinished(beforeServerFinished, finishedBody(serverFinished)));
        transcript.update(serverFinished);

        byte[] serverFinishedHash = transcript.current();
        TrafficSecret cAp = ms.clientApplicationTrafficSecret(serverFinishedHash);
        TrafficSecret sAp = ms.serverApplicationTrafficSecret(serverFinishedHash);
        Tls13Exporter exporter = ms.exporter(serverFinishedHash);
        assertSecret(S3, "client_application_traffic_secret", cAp);
        assertSecret(S3, "server_application_traffic_secret", sAp);
        assertArrayEquals(S3.get("exporter_master_secret"), exporter.copySecret());
        assertKeys(S3, "server_application", sAp.keys(AEAD));
        assertKeys(S3, "client_application", cAp.keys(AEAD));

        byte[] clientFinished = S3.get("client_finished");
        assertArrayEquals(finishedBody(clientFinished), cHs.finishedVerifyData(serverFinishedHash));
        assertNotNull(cHs.verifyFinished(serverFinishedHash, finishedBody(clientFinished)));
        transcript.update(clientFinished);

        ResumptionMasterSecret rms = ms.resumptionMasterSecret(transcript.current());
        assertTrue(ms.isDestroyed(), "master secret is wiped after its last derivation");
        byte[] psk = rms.resumptionPsk(ticketNonce(S3.get("new_session_ticket")));
        assertArrayEquals(S3.get("resumption_psk"), psk);
    }

    /** RFC 8448 §4 "Resumed 0-RTT Handshake", from the PSK of the §3 ticket, server side. */
    @Test
    void section4ResumedZeroRtt() {
        EarlySecret early = EarlySecret.fromPsk(H, S3.get("resumption_psk"));
        byte[] clientHello = S4.get("client_hello");
        TranscriptHash transcript = TranscriptHash.of(H);

        // RFC 8446 §4.2.11.2: the binder covers the ClientHello up to, not including, the binders list
        int bindersAt = bindersOffset(clientHello);
        byte[] binderHash = transcript.currentWith(H, clientHello, 0, bindersAt);
        assertArrayEquals(S4.get("binder_hash"), binderHash);
        PskBinderKey binderKey = early.resumptionBinderKey();
        byte[] binder = binderKey.binder(binderHash);
        assertArrayEquals(S4.get("binder"), binder);
        assertArrayEquals(binder, Arrays.copyOfRange(clientHello, bindersAt + 3, clientHello.length),
                "the binder in the RFC's ClientHello");
        binderKey.verifyBinder(binderHash, binder);

        transcript.update(clientHello);
        byte[] clientHelloHash = transcript.current();
        TrafficSecret cE = early.clientEarlyTrafficSecret(clientHelloHash);
        assertSecret(S4, "client_early_traffic_secret", cE);
        assertKeys(S4, "client_early", cE.keys(AEAD));
        assertArrayEquals(S4.get("early_exporter_master_secret"), early.earlyExporter(clientHelloHash).copySecret());

        transcript.update(S4.get("server_hello"));
        HandshakeSecret hs = early.handshakeSecret(S4.get("ecdhe_shared_secret"));
        byte[] helloHash = transcript.current();
        TrafficSecret cHs = hs.clientHandshakeTrafficSecret(helloHash);
        TrafficSecret sHs = hs.serverHandshakeTrafficSecret(helloHash);
        assertSecret(S4, "client_handshake_traffic_secret", cHs);
        assertSecret(S4, "server_handshake_traffic_secret", sHs);
        assertKeys(S4, "server_handshake", sHs.keys(AEAD));
        assertKeys(S4, "client_handshake", cHs.keys(AEAD));
        MasterSecret ms = hs.masterSecret();

        transcript.update(S4.get("encrypted_extensions"));
        byte[] serverFinished = S4.get("server_finished");
        assertArrayEquals(finishedBody(serverFinished), sHs.finishedVerifyData(transcript.current()));
        transcript.update(serverFinished);
        byte[] serverFinishedHash = transcript.current();
        TrafficSecret cAp = ms.clientApplicationTrafficSecret(serverFinishedHash);
        TrafficSecret sAp = ms.serverApplicationTrafficSecret(serverFinishedHash);
        assertSecret(S4, "client_application_traffic_secret", cAp);
        assertSecret(S4, "server_application_traffic_secret", sAp);
        assertArrayEquals(S4.get("exporter_master_secret"), ms.exporter(serverFinishedHash).copySecret());
        assertKeys(S4, "server_application", sAp.keys(AEAD));
        assertKeys(S4, "client_application", cAp.keys(AEAD));

        transcript.update(S4.get("end_of_early_data"));
        byte[] clientFinished = S4.get("client_finished");
        assertNotNull(cHs.verifyFinished(transcript.current(), finishedBody(clientFinished)));
        transcript.update(clientFinished);
        assertNotNull(ms.resumptionMasterSecret(transcript.current()));
    }

    @Test
    void wrongBinderIsDecryptError() {
        EarlySecret early = EarlySecret.fromPsk(H, S3.get("resumption_psk"));
        byte[] binderHash = S4.get("binder_hash");
        byte[] bad = S4.get("binder");
        bad[31] ^= 1;
        TlsAlert e = assertThrows(TlsAlert.class, () -> early.resumptionBinderKey().verifyBinder(binderHash, bad));
        assertEquals(AlertDescription.DECRYPT_ERROR, e.alert());
        // an external PSK with the same bytes must not validate a resumption binder ("ext binder" label)
        TlsAlert ext = assertThrows(TlsAlert.class,
                () -> early.externalBinderKey().verifyBinder(binderHash, S4.get("binder")));
        assertEquals(AlertDescription.DECRYPT_ERROR, ext.alert());
    }

    private static void assertSecret(NamedHex v, String name, TrafficSecret secret) {
        assertArrayEquals(v.get(name), secret.copyForKeyLog(), name);
    }

    private static void assertKeys(NamedHex v, String prefix, TrafficKeys keys) {
        assertArrayEquals(v.get(prefix + "_key"), keys.key(), prefix + " write key");
        assertArrayEquals(v.get(prefix + "_iv"), keys.iv(), prefix + " write iv");
    }

    /** Finished.verify_data: the message without its 4-byte handshake header. */
    static byte[] finishedBody(byte[] finishedMessage) {
        Reader r = Reader.of(finishedMessage);
        assertEquals(20, r.u8("msg_type"));
        return r.opaque24(0, 0xFFFFFF, "Finished");
    }

    /** NewSessionTicket.ticket_nonce (RFC 8446 §4.6.1). */
    static byte[] ticketNonce(byte[] newSessionTicket) {
        Reader r = Reader.of(newSessionTicket);
        assertEquals(4, r.u8("msg_type"));
        Reader body = r.vec24(0, 0xFFFFFF, "NewSessionTicket");
        body.u32("ticket_lifetime");
        body.u32("ticket_age_add");
        return body.opaque8(0, 255, "ticket_nonce");
    }

    /**
     * Absolute offset of the binders list (its length prefix) in a ClientHello whose last
     * extension is pre_shared_key (RFC 8446 §4.2.11).
     */
    static int bindersOffset(byte[] clientHello) {
        Reader r = Reader.of(clientHello);
        assertEquals(1, r.u8("msg_type"));
        Reader body = r.vec24(0, 0xFFFFFF, "ClientHello");
        body.u16("legacy_version");
        body.bytes(32, "random");
        body.opaque8(0, 32, "legacy_session_id");
        body.opaque16(2, 0xFFFE, "cipher_suites");
        body.opaque8(1, 255, "legacy_compression_methods");
        Reader extensions = body.vec16(8, 0xFFFF, "extensions");
        while (extensions.hasRemaining()) {
            int type = extensions.u16("extension_type");
            Reader data = extensions.vec16(0, 0xFFFF, "extension_data");
            if (type == 41) {
                data.vec16(7, 0xFFFF, "identities");
                int at = data.position();
                assertTrue(!extensions.hasRemaining(), "pre_shared_key is the last extension");
                return at;
            }
        }
        throw new AssertionError("ClientHello has no pre_shared_key extension");
    }
}
