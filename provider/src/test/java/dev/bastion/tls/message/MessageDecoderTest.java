package dev.bastion.tls.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.testutil.Hex;
import org.junit.jupiter.api.Test;

/** Dispatch by type, side, version and key exchange; unexpected_message for what cannot come. */
class MessageDecoderTest {
    private static final DecodeContext CLIENT_HELLO_PHASE = DecodeContext.hello(Side.CLIENT);
    private static final DecodeContext SERVER_HELLO_PHASE = DecodeContext.hello(Side.SERVER);
    private static final DecodeContext CLIENT_13 = DecodeContext.tls13(Side.CLIENT, 32);
    private static final DecodeContext SERVER_13 = DecodeContext.tls13(Side.SERVER, 32);
    private static final DecodeContext CLIENT_12_ECDHE = DecodeContext.tls12(Side.CLIENT, KeyExchangeKind.ECDHE);
    private static final DecodeContext CLIENT_12_RSA = DecodeContext.tls12(Side.CLIENT, KeyExchangeKind.RSA);
    private static final DecodeContext SERVER_12_RSA = DecodeContext.tls12(Side.SERVER, KeyExchangeKind.RSA);

    private static HandshakeMessage decode(String hex, DecodeContext c) {
        return MessageDecoder.decode(Reader.of(Hex.bytes(hex)), c);
    }

    private static void unexpected(String hex, DecodeContext c, String fragment) {
        TlsAlert a = assertThrows(TlsAlert.class, () -> decode(hex, c));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, a.alert(), a.getMessage());
        assertTrue(a.getMessage().contains(fragment), a.getMessage());
    }

    @Test
    void unknownTypeIsUnexpectedMessage() {
        unexpected("63000000", CLIENT_13, "unknown handshake message type 99");
        unexpected("03000000", CLIENT_13, "unknown handshake message type 3");
        unexpected("fe000001aa", SERVER_13, "message_hash");
    }

    @Test
    void typesThePeerCannotSendAreUnexpectedMessage() {
        unexpected(Rfc8448.CLIENT_HELLO, CLIENT_HELLO_PHASE, "ClientHello cannot be sent by a server before the hellos");
        unexpected(Rfc8448.SERVER_HELLO, SERVER_HELLO_PHASE, "ServerHello cannot be sent by a client");
        unexpected(Rfc8448.ENCRYPTED_EXTENSIONS, CLIENT_12_ECDHE, "EncryptedExtensions cannot be sent by a server in TLS 1.2");
        unexpected(Rfc8448.ENCRYPTED_EXTENSIONS, CLIENT_HELLO_PHASE, "before the hellos");
        unexpected(Rfc8448.SERVER_FINISHED, CLIENT_HELLO_PHASE, "Finished");
        unexpected("0e000000", CLIENT_13, "ServerHelloDone cannot be sent by a server in TLS 1.3");
        unexpected("00000000", CLIENT_13, "HelloRequest");
        unexpected("0c000000", CLIENT_13, "ServerKeyExchange");
        unexpected("1800000100", CLIENT_12_ECDHE, "KeyUpdate cannot be sent by a server in TLS 1.2");
        unexpected("05000000", CLIENT_13, "EndOfEarlyData cannot be sent by a server");
        unexpected("10000000", CLIENT_12_RSA, "ClientKeyExchange cannot be sent by a server");
        unexpected(Rfc8448.CERTIFICATE_VERIFY, CLIENT_12_RSA,
                "CertificateVerify cannot be sent by a server in TLS 1.2");
        // RFC 5246 §7.4.3: no ServerKeyExchange with RSA key transport.
        unexpected("0c000000", CLIENT_12_RSA, "RSA");
    }

    @Test
    void versionPicksTheForm() {
        assertInstanceOf(Certificate.class, decode("0b000004" + "00000000", CLIENT_13));
        assertInstanceOf(Certificate12.class, decode("0b000003" + "000000", CLIENT_12_ECDHE));
        assertInstanceOf(CertificateRequest12.class, decode("0d000008" + "0140" + "00020403" + "0000", CLIENT_12_RSA));
        assertInstanceOf(NewSessionTicket12.class, decode("04000006" + "00000000" + "0000", CLIENT_12_RSA));
        assertInstanceOf(NewSessionTicket.class, decode(Rfc8448.NEW_SESSION_TICKET, CLIENT_13));
        assertInstanceOf(CertificateVerify.class, decode(Rfc8448.CERTIFICATE_VERIFY, SERVER_12_RSA));
        assertInstanceOf(ClientKeyExchange.class, decode("10000002" + "0000", SERVER_12_RSA));
        assertInstanceOf(ServerHelloDone.class, decode("0e000000", CLIENT_12_RSA));
        assertInstanceOf(HelloRequest.class, decode("00000000", CLIENT_12_RSA));
        assertInstanceOf(ClientHello.class, decode(Rfc8448.CLIENT_HELLO, SERVER_12_RSA), "renegotiation attempt is decoded");
        assertEquals(12, ((Finished) decode("1400000c" + "00".repeat(12), CLIENT_12_RSA)).verifyData().length());
        assertInstanceOf(KeyUpdate.class, decode("1800000101", SERVER_13));
    }

    @Test
    void framingErrorsAreDecodeError() {
        TlsAlert shortBody = assertThrows(TlsAlert.class, () -> decode("14000020" + "00".repeat(31), CLIENT_13));
        assertEquals(AlertDescription.DECODE_ERROR, shortBody.alert());
        TlsAlert trailing = assertThrows(TlsAlert.class, () -> decode("0e000000" + "00", CLIENT_12_RSA));
        assertEquals(AlertDescription.DECODE_ERROR, trailing.alert());
        // The type is judged before the length: a KeyUpdate in TLS 1.2 is unexpected whatever follows.
        unexpected("18ffffff", CLIENT_12_ECDHE, "KeyUpdate");
        TlsAlert noHeader = assertThrows(TlsAlert.class, () -> decode("0e00", CLIENT_12_RSA));
        assertEquals(AlertDescription.DECODE_ERROR, noHeader.alert());
    }

    @Test
    void contextChecksItsArguments() {
        assertThrows(IllegalArgumentException.class,
                () -> new DecodeContext(Side.CLIENT, NegotiatedVersion.TLS12, KeyExchangeKind.NONE, 12));
        assertThrows(IllegalArgumentException.class, () -> DecodeContext.tls13(Side.CLIENT, 0));
        assertEquals(Side.SERVER, CLIENT_13.sender());
    }
}
