package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.testutil.NamedHex;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Behaviour of the typed stages beyond the RFC 8448 values: checks, wiping, KeyUpdate, exporter. */
class KeyScheduleStagesTest {
    private static final NamedHex S3 = NamedHex.load("/rfc8448/section3.txt");
    private static final HashAlgorithm H = HashAlgorithm.SHA256;

    private static TrafficSecret serverHandshakeSecret() {
        TranscriptHash t = TranscriptHash.of(H);
        t.update(S3.get("client_hello"));
        t.update(S3.get("server_hello"));
        return EarlySecret.withoutPsk(H).handshakeSecret(S3.get("ecdhe_shared_secret"))
                .serverHandshakeTrafficSecret(t.current());
    }

    @Test
    void wrongFinishedIsDecryptError() {
        TrafficSecret s = serverHandshakeSecret();
        byte[] hash = new byte[32];
        byte[] good = s.finishedVerifyData(hash);
        s.verifyFinished(hash, good);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= (byte) 0x80;
            TlsAlert e = assertThrows(TlsAlert.class, () -> s.verifyFinished(hash, bad));
            assertEquals(AlertDescription.DECRYPT_ERROR, e.alert());
        }
        TlsAlert shortOne = assertThrows(TlsAlert.class, () -> s.verifyFinished(hash, new byte[31]));
        assertEquals(AlertDescription.DECODE_ERROR, shortOne.alert());
    }

    /** RFC 8446 §7.2: application_traffic_secret_N+1 = HKDF-Expand-Label(N, "traffic upd", "", Hash.length). */
    @Test
    void keyUpdateDerivesNextAndWipesPrevious() {
        TrafficSecret ap0 = new TrafficSecret(H, S3.get("server_application_traffic_secret"), "s ap 0");
        TrafficSecret ap1 = ap0.next();
        assertTrue(ap0.isDestroyed());
        assertThrows(IllegalStateException.class, () -> ap0.keys(AeadAlgorithm.AES_128_GCM));
        byte[] expected = new Hkdf(H).expandLabel(S3.get("server_application_traffic_secret"), "traffic upd",
                new byte[0], 32);
        assertArrayEquals(expected, ap1.copyForKeyLog());
        assertFalse(Arrays.equals(S3.get("server_application_key"), ap1.keys(AeadAlgorithm.AES_128_GCM).key()));
    }

    @Test
    void keysForEachAead() {
        TrafficSecret s = new TrafficSecret(HashAlgorithm.SHA384, new byte[48], "test");
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            TrafficKeys k = s.keys(a);
            assertEquals(a.keyLength(), k.key().length);
            assertEquals(12, k.iv().length);
        }
    }

    @Test
    void stagesAreWipedAndRefuseReuse() {
        EarlySecret early = EarlySecret.withoutPsk(H);
        HandshakeSecret hs = early.handshakeSecret(new byte[32]);
        assertThrows(IllegalStateException.class, () -> early.handshakeSecret(new byte[32]));
        assertThrows(IllegalStateException.class, early::resumptionBinderKey);
        MasterSecret ms = hs.masterSecret();
        assertThrows(IllegalStateException.class, () -> hs.clientHandshakeTrafficSecret(new byte[32]));
        ResumptionMasterSecret rms = ms.resumptionMasterSecret(new byte[32]);
        assertThrows(IllegalStateException.class, () -> ms.exporter(new byte[32]));
        rms.destroy();
        assertTrue(rms.isDestroyed());
        assertThrows(IllegalStateException.class, () -> rms.resumptionPsk(new byte[0]));
        assertTrue(rms.toString().contains("destroyed"), rms.toString());
    }

    @Test
    void wrongTranscriptHashLengthIsOurBug() {
        HandshakeSecret hs = EarlySecret.withoutPsk(HashAlgorithm.SHA384).handshakeSecret(new byte[48]);
        assertThrows(IllegalArgumentException.class, () -> hs.clientHandshakeTrafficSecret(new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> EarlySecret.fromPsk(H, new byte[0]));
    }

    /**
     * TLS 1.3 exporter (RFC 8446 §7.5): no context and an empty context are the same; the
     * value is HKDF-Expand-Label(Derive-Secret(secret, label, ""), "exporter", Hash(context), L).
     * Known answers against OpenSSL are in {@link ExporterOpenSslTest}.
     */
    @Test
    void exporterConstruction() throws Exception {
        byte[] secret = S3.get("exporter_master_secret");
        Tls13Exporter e = new Tls13Exporter(H, secret.clone(), "exp");
        Hkdf hkdf = new Hkdf(H);
        byte[] base = hkdf.deriveSecret(secret, "EXPERIMENTAL test", hkdf.emptyHash());
        byte[] ctxHash = MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3});
        assertArrayEquals(hkdf.expandLabel(base, "exporter", ctxHash, 40),
                e.exportKeyingMaterial("EXPERIMENTAL test", new byte[] {1, 2, 3}, 40));
        assertArrayEquals(e.exportKeyingMaterial("EXPERIMENTAL x", null, 20),
                e.exportKeyingMaterial("EXPERIMENTAL x", new byte[0], 20));
        assertThrows(IllegalArgumentException.class, () -> e.exportKeyingMaterial("EXPERIMENTAL x", null, 255 * 32 + 1));
        e.destroy();
        assertThrows(IllegalStateException.class, () -> e.exportKeyingMaterial("EXPERIMENTAL x", null, 20));
    }
}
