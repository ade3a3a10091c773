package dev.bastion.tls.connection;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.diag.Trace;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.Handshaker;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.HandshakeTrace;
import dev.bastion.tls.message.HandshakeType;
import dev.bastion.tls.message.HelloRequest;
import dev.bastion.tls.message.KeyUpdate;
import dev.bastion.tls.message.MessageDecoder;
import dev.bastion.tls.record.AlertMessage;
import dev.bastion.tls.record.ContentType;
import dev.bastion.tls.record.EmptyRecordGuard;
import dev.bastion.tls.record.NullProtection;
import dev.bastion.tls.record.RawHandshakeMessage;
import dev.bastion.tls.record.RecordReader;
import java.nio.ByteBuffer;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * The read side of the {@link Connection}: opens one record and acts on its content type.
 *
 * <ul>
 * <li>application_data: only after the handshake completed (RFC 8446 §2: no 0-RTT here; a
 *     server drops the 0-RTT records of a client that offers early_data, see
 *     {@link EarlyDataSkip});
 *     opened straight into the caller's buffer when one has room, else through a staging
 *     buffer that exists only while needed.</li>
 * <li>handshake: joined into messages; each is decoded, added to the transcript and handed to
 *     the handshaker, inline or in a delegated task (see {@link Connection}).</li>
 * <li>alert: {@code close_notify} closes the read side ("Received close_notify during
 *     handshake" is {@code unexpected_message}, as in SunJSSE), and in TLS 1.2 the write side
 *     too, with a close_notify in answer (RFC 5246 §7.2.1); a {@code user_canceled} warning
 *     is ignored (RFC 8446 §6.1: a close_notify should follow); in TLS 1.3 every other alert is
 *     an error alert whatever its level (RFC 8446 §6.2). With TLS 1.2 enabled and TLS 1.3 not
 *     negotiated, other warning alerts ({@code no_renegotiation}, {@code unrecognized_name})
 *     are ignored as SunJSSE ignores them (RFC 5246 §7.2.2 leaves it to the receiver), counted
 *     against the limit of records without effect.</li>
 * <li>change_cipher_spec: exactly 0x01. While the handshaker accepts the TLS 1.3 compatibility
 *     CCS (RFC 8446 §5) it is dropped; otherwise it is TLS 1.2's (RFC 5246 §7.1) and goes to
 *     {@link Handshaker#changeCipherSpec}, which installs the pending read keys or refuses it
 *     with {@code unexpected_message}.</li>
 * <li>hello_request (TLS 1.2) is never part of the transcript (RFC 5246 §7.4.1.1). Renegotiation
 *     requests (HelloRequest, a ClientHello after the handshake), each refused with a warning,
 *     are bounded like KeyUpdates ({@link Limits#MAX_CONSECUTIVE_RENEGOTIATION_REQUESTS}).</li>
 * <li>No record type may interrupt a handshake message (RFC 8446 §5.1); records without
 *     effect and KeyUpdates in a row are bounded ({@link Limits}).</li>
 * </ul>
 */
final class Inbound {
    private static final Trace TRACE = Trace.get("connection");

    private final Connection c;
    private final KeyUsage keyUsage;
    private final HandshakerFactory factory;
    private final ConnectionIo io;
    private final EmptyRecordGuard emptyRecords = new EmptyRecordGuard(Limits.MAX_CONSECUTIVE_EMPTY_RECORDS);
    /** Made when the handshake says early data may follow; released when it is over (most connections never need one). */
    private EarlyDataSkip earlyData;
    private ByteBuffer staging;
    private RawHandshakeMessage pendingFirst;
    private int keyUpdatesInARow;
    private int renegotiationRequestsInARow;
    /** {@code jdk.tls.acknowledgeCloseNotify}: TLS 1.3 answers close_notify at once too. */
    private final boolean acknowledgeCloseNotify;
    /** A user_canceled warning arrived: the close_notify that follows closes both directions. */
    private boolean peerUserCanceled;

    Inbound(Connection c, KeyUsage keyUsage, HandshakerFactory factory, ConnectionIo io,
            boolean acknowledgeCloseNotify) {
        this.c = c;
        this.keyUsage = keyUsage;
        this.factory = factory;
        this.io = io;
        this.acknowledgeCloseNotify = acknowledgeCloseNotify;
    }

    /** Room check before {@link #read}: only protected records after the handshake need the caller's room. */
    boolean fits(ByteBuffer[] dsts, int offset, int length) {
        RecordReader reader = c.reader();
        if (!reader.header().isValid() || reader.protection() instanceof NullProtection || !c.complete()) {
            return true;
        }
        return AppData.remaining(dsts, offset, length) >= reader.plaintextRoom();
    }

    int read(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        RecordReader reader = c.reader();
        int room = reader.plaintextRoom();
        ByteBuffer first = AppData.firstNonEmpty(dsts, offset, length);
        boolean direct = first != null && !(reader.protection() instanceof NullProtection) && first.remaining() >= room;
        ByteBuffer out = direct ? first : staging(room);
        int start = out.position();
        if (earlyData != null && reader.protection() instanceof NullProtection && earlyData.dropUnprotected(reader, src)) {
            // RFC 8446 §4.2.10: after a HelloRetryRequest, application_data records are skipped
            TRACE.trace(() -> "dropped a record of early data sent before the second ClientHello (RFC 8446 §4.2.10)");
            return 0;
        }
        ContentType type;
        try {
            type = reader.read(src, out);
        } catch (TlsAlert e) {
            if (earlyData != null && earlyData.drop(e, reader.header(), src)) {
                TRACE.trace(() -> "dropped a record of rejected early data (RFC 8446 §4.2.10)");
                return 0;
            }
            throw e;
        }
        int n = out.position() - start;
        if (earlyData != null) {
            if (!c.complete() && earlyData.dropOpened(type, n)) {
                wipe(out, start);
                return 0;
            }
            if (earlyData.opened(type)) {
                earlyData = null;
            }
        }
        if (type == ContentType.APPLICATION_DATA && c.complete()) {
            applicationData(n);
            if (!direct) {
                out.flip().position(start);
                AppData.scatter(out, dsts, offset, length);
            }
            return n;
        }
        byte[] content = new byte[n];
        out.get(start, content);
        wipe(out, start);
        dispatch(type, ByteBuffer.wrap(content));
        return 0;
    }

    /** Processes the messages waiting for a delegated task (the task's body). */
    void processPending() {
        RawHandshakeMessage m = pendingFirst;
        pendingFirst = null;
        if (m != null) {
            process(m);
        }
        for (Optional<RawHandshakeMessage> next = c.assembler().next(); next.isPresent(); next = c.assembler().next()) {
            process(next.get());
        }
    }

    /** Rejected early data may follow: see {@link EarlyDataSkip}. */
    void skipEarlyData() {
        if (earlyData == null) {
            earlyData = new EarlyDataSkip();
        }
        earlyData.start();
    }

    /** The handshake is over: the staging buffer is only needed for scattering now. */
    void handshakeComplete() {
        staging = null;
    }

    private void applicationData(int n) {
        // RFC 8446 §5.1: handshake messages must not be interleaved with other record types
        c.assembler().requireEmpty("an application_data record");
        emptyRecords.onRecord(ContentType.APPLICATION_DATA, n);
        keyUpdatesInARow = 0;
        renegotiationRequestsInARow = 0;
        keyUsage.read(n, c.reader().protection(), factory, c.handshaker(), io);
    }

    private void dispatch(ContentType type, ByteBuffer content) throws SSLException {
        switch (type) {
            case HANDSHAKE:
                emptyRecords.onRecord(type, content.remaining());
                c.assembler().add(content);
                drain();
                if (c.complete()) {
                    // post-handshake messages (tickets, KeyUpdate) are rare: an idle connection keeps no buffer
                    c.assembler().trim();
                }
                break;
            case ALERT:
                c.assembler().requireEmpty("an alert record");
                alert(AlertMessage.decode(content));
                break;
            case CHANGE_CIPHER_SPEC:
                c.assembler().requireEmpty("a change_cipher_spec record");
                changeCipherSpec(content);
                break;
            default:
                throw TlsAlert.unexpectedMessage("application_data record received before the handshake completed");
        }
    }

    /** Processes complete messages inline until one needs a delegated task. */
    private void drain() {
        while (!c.taskPending()) {
            Optional<RawHandshakeMessage> m = c.assembler().next();
            if (m.isEmpty()) {
                return;
            }
            if (inline(m.get().type())) {
                process(m.get());
            } else {
                pendingFirst = m.get();
                c.delegate();
            }
        }
    }

    /** SunJSSE processes Finished, KeyUpdate and NewSessionTicket inline, everything else in a task. */
    private static boolean inline(int type) {
        return type == HandshakeType.FINISHED.code() || type == HandshakeType.KEY_UPDATE.code()
                || type == HandshakeType.NEW_SESSION_TICKET.code();
    }

    private void process(RawHandshakeMessage raw) {
        Handshaker h = c.handshaker();
        HandshakeMessage m = MessageDecoder.decode(Reader.of(raw.encoding()), h.decodeContext());
        HandshakeTrace.received(c.client(), m);
        // post-handshake messages are not part of the transcript, nor is HelloRequest (RFC 5246 §7.4.1.1)
        if (!c.complete() && !(m instanceof HelloRequest)) {
            c.transcript().update(raw.encoding());
        }
        if (m instanceof KeyUpdate && ++keyUpdatesInARow > Limits.MAX_CONSECUTIVE_KEY_UPDATES) {
            throw TlsAlert.unexpectedMessage("more than " + Limits.MAX_CONSECUTIVE_KEY_UPDATES
                    + " KeyUpdate messages without application data in between");
        }
        boolean renegotiation = m instanceof HelloRequest || (c.complete() && m instanceof ClientHello);
        if (renegotiation && ++renegotiationRequestsInARow > Limits.MAX_CONSECUTIVE_RENEGOTIATION_REQUESTS) {
            throw TlsAlert.unexpectedMessage("more than " + Limits.MAX_CONSECUTIVE_RENEGOTIATION_REQUESTS
                    + " HelloRequest/ClientHello messages without application data in between; renegotiation"
                    + " is refused each time");
        }
        TRACE.trace(() -> "received " + m.type() + " (" + raw.encoding().length + " bytes)");
        h.receive(m, io);
    }

    private void alert(AlertMessage alert) throws SSLException {
        AlertDescription d = alert.description();
        if (d == AlertDescription.CLOSE_NOTIFY) {
            if (!c.complete() && !peerUserCanceled) {
                throw TlsAlert.unexpectedMessage("Received close_notify during handshake");
            }
            TRACE.debug(() -> "received close_notify");
            c.closeNotifyReceived();
            if (peerUserCanceled) {
                // user_canceled then close_notify: the peer closes both directions (SunJSSE's
                // SSLSocket.close in TLS 1.3, or any side cancelling a handshake), so this side
                // answers with its own close_notify and closes its write side, as SunJSSE does.
                c.closeOutboundQuietly();
            } else if (c.version() != HandshakeConfig.TLS13 || acknowledgeCloseNotify) {
                // RFC 5246 §7.2.1: TLS 1.2 has no half-close; answer with our own close_notify at
                // once (the engine reports NEED_WRAP, as SunJSSE's does). TLS 1.3 may half-close
                // (RFC 8446 §6.1) unless jdk.tls.acknowledgeCloseNotify says otherwise.
                c.closeOutbound();
            }
            return;
        }
        if (d == AlertDescription.USER_CANCELED && !alert.isFatal()) {
            TRACE.debug(() -> "received user_canceled warning; waiting for close_notify");
            peerUserCanceled = true;
            emptyRecords.onDroppedRecord(ContentType.ALERT);
            return;
        }
        if (!alert.isFatal() && tls12Rules()) {
            TRACE.debug(() -> "received TLS 1.2 warning alert " + AlertDescription.nameOf(alert.code()) + "; ignored");
            emptyRecords.onDroppedRecord(ContentType.ALERT);
            return;
        }
        throw c.failures().peer(alert);
    }

    private void changeCipherSpec(ByteBuffer content) {
        Handshaker h = c.handshaker();
        if (h == null) {
            throw TlsAlert.unexpectedMessage("change_cipher_spec record received outside a handshake");
        }
        if (content.remaining() != 1 || content.get(content.position()) != 1) {
            throw TlsAlert.unexpectedMessage("change_cipher_spec record must be the single byte 0x01, got "
                    + content.remaining() + " byte(s) (RFC 8446 §5, RFC 5246 §7.1)");
        }
        if (h.acceptsCompatibilityCcs()) {
            emptyRecords.onDroppedRecord(ContentType.CHANGE_CIPHER_SPEC);
            return;
        }
        TRACE.trace(() -> "received change_cipher_spec");
        h.changeCipherSpec(io); // TLS 1.2; unexpected_message unless the handshaker awaits it
    }

    /** TLS 1.2 alert rules: TLS 1.2 is enabled and TLS 1.3 was not negotiated. */
    private boolean tls12Rules() {
        return c.tls12Enabled() && c.version() != HandshakeConfig.TLS13;
    }

    private ByteBuffer staging(int room) {
        if (staging == null || staging.capacity() < room) {
            staging = ByteBuffer.allocate(Math.max(room, 256));
        }
        staging.clear();
        return staging;
    }

    /** Zeroes what a record left in {@code out} after {@code start} and moves the position back. */
    private static void wipe(ByteBuffer out, int start) {
        for (int i = start; i < out.position(); i++) {
            out.put(i, (byte) 0);
        }
        out.position(start);
    }
}
