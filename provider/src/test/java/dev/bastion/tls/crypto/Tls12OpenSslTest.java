package dev.bastion.tls.crypto;

import static dev.bastion.tls.crypto.RecordedSession.body;
import static dev.bastion.tls.crypto.RecordedSession.open12;
import static dev.bastion.tls.crypto.RecordedSession.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The TLS 1.2 key schedule against sessions recorded with OpenSSL 3.0.19: master secret
 * (plain RFC 5246 §8.1 and extended RFC 7627 §4, from the RSA pre-master secret OpenSSL logs),
 * Finished.verify_data of both sides (RFC 5246 §7.4.9), the key block (RFC 5246 §6.3), proved
 * by decrypting OpenSSL's protected records, and the RFC 5705 exporter.
 */
class Tls12OpenSslTest {
    private static final String LABEL = "EXPERIMENTAL bastion";

    static Stream<Arguments> sessions() {
        return Stream.of(
                Arguments.of("tls12-rsa-aes128gcm.txt", CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, false),
                Arguments.of("tls12-rsa-aes128gcm-ems.txt", CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, true),
                Arguments.of("tls12-ecdhe-chacha20.txt", CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, true),
                Arguments.of("tls12-ecdhe-aes256gcm-sha384.txt", CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void keySchedule(String file, CipherSuite suite, boolean extended) throws Exception {
        RecordedSession s = new RecordedSession("/openssl/" + file);
        byte[] clientRandom = random(s.message("_client_hello"));
        byte[] serverRandom = random(s.message("_server_hello"));
        TranscriptHash transcript = new TranscriptHash();
        Tls12MasterSecret master = null;
        for (String name : s.handshakeNames()) {
            byte[] m = s.get(name);
            if (name.endsWith("_finished")) {
                assertNotNull(master, "master secret before Finished");
                byte[] hash = transcript.current();
                if (name.contains("_client_")) {
                    assertArrayEquals(body(m), master.clientFinishedVerifyData(hash), name);
                    assertNotNull(master.verifyClientFinished(hash, body(m)));
                } else {
                    assertArrayEquals(body(m), master.serverFinishedVerifyData(hash), name);
                    assertNotNull(master.verifyServerFinished(hash, body(m)));
                }
            }
            transcript.update(m);
            if (name.endsWith("_server_hello")) {
                transcript.selectHash(suite.hash());
            }
            if (name.endsWith("_client_key_exchange")) {
                master = masterSecret(s, suite, extended, transcript.current(), clientRandom, serverRandom);
            }
        }
        assertArrayEquals(s.get("master_secret"), master.copyForSessionOrKeyLog(), "master secret");

        Tls12KeyBlock keys = master.keyBlock(clientRandom, serverRandom);
        List<RecordedSession.Record> fromClient = s.protectedRecords("client_to_server");
        assertArrayEquals(s.message("_client_finished"), open12(keys.clientWrite(), 0, fromClient.get(0)));
        assertArrayEquals("hello\n".getBytes(StandardCharsets.US_ASCII), open12(keys.clientWrite(), 1, fromClient.get(1)));
        List<RecordedSession.Record> fromServer = s.protectedRecords("server_to_client");
        assertArrayEquals(s.message("_server_finished"), open12(keys.serverWrite(), 0, fromServer.get(0)));

        assertArrayEquals(s.get("exported_keying_material"),
                master.exporter(clientRandom, serverRandom).exportKeyingMaterial(LABEL, null, 42), "RFC 5705 exporter");
    }

    /** RSA sessions derive from the logged pre-master secret; ECDHE ones can only start from the master secret. */
    private static Tls12MasterSecret masterSecret(RecordedSession s, CipherSuite suite, boolean extended,
            byte[] sessionHash, byte[] clientRandom, byte[] serverRandom) {
        if (suite.keyExchange() != CipherSuite.KeyExchange.RSA) {
            return Tls12MasterSecret.fromSession(suite, s.get("master_secret"));
        }
        byte[] pms = s.get("pre_master_secret");
        return extended ? Tls12MasterSecret.fromPreMasterExtended(suite, pms, sessionHash)
                : Tls12MasterSecret.fromPreMaster(suite, pms, clientRandom, serverRandom);
    }

    @Test
    void wrongFinishedIsDecryptError() {
        Tls12MasterSecret ms = Tls12MasterSecret.fromSession(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, new byte[48]);
        byte[] hash = new byte[32];
        byte[] bad = ms.serverFinishedVerifyData(hash);
        bad[0] ^= 1;
        assertEquals(AlertDescription.DECRYPT_ERROR,
                assertThrows(TlsAlert.class, () -> ms.verifyServerFinished(hash, bad)).alert());
        // the client's value is not the server's: labels differ
        byte[] client = ms.clientFinishedVerifyData(hash);
        assertEquals(AlertDescription.DECRYPT_ERROR,
                assertThrows(TlsAlert.class, () -> ms.verifyServerFinished(hash, client)).alert());
        assertEquals(AlertDescription.DECODE_ERROR,
                assertThrows(TlsAlert.class, () -> ms.verifyClientFinished(hash, new byte[11])).alert());
    }

    @Test
    void exporterContextAndReservedLabels() {
        Tls12MasterSecret ms = Tls12MasterSecret.fromSession(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, new byte[48]);
        Exporter e = ms.exporter(new byte[32], new byte[32]);
        Prf12 prf = new Prf12(HashAlgorithm.SHA256);
        // RFC 5705 §4: seed = client_random + server_random + uint16 context length + context
        byte[] seed = new byte[64 + 2 + 3];
        seed[65] = 3;
        seed[66] = 7;
        assertArrayEquals(prf.derive(new byte[48], LABEL, seed, 20), e.exportKeyingMaterial(LABEL, new byte[] {7, 0, 0}, 20));
        assertFalse(Arrays.equals(
                e.exportKeyingMaterial(LABEL, null, 20), e.exportKeyingMaterial(LABEL, new byte[0], 20)),
                "no context differs from an empty context in TLS 1.2");
        for (String reserved : new String[] {"key expansion", "master secret", "client finished", "server finished"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> e.exportKeyingMaterial(reserved, null, 12));
        }
    }

    @Test
    void tls13SuiteIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Tls12MasterSecret.fromSession(CipherSuite.TLS_AES_128_GCM_SHA256, new byte[48]));
    }
}
