/**
 * The hostile test peer (issue 7 §3): a raw TLS 1.3 and TLS 1.2 client and server in Java that drive an
 * {@code SSLEngine} of the provider under test in memory, with scripted conversations that do
 * what a correct peer never would, and check the exact outcome.
 *
 * <h2>How it is built</h2>
 * <ul>
 * <li>{@link dev.bastion.tls.conformance.hostile.Victim} drives the engine: bytes in through
 *     {@code unwrap}, out through {@code wrap}, delegated tasks inline; every loop is bounded and
 *     each scenario runs under a timeout, so no victim can hang the suite.</li>
 * <li>{@link dev.bastion.tls.conformance.hostile.ClientPeer} and
 *     {@link dev.bastion.tls.conformance.hostile.ServerPeer} write every record and handshake
 *     message by hand ({@link dev.bastion.tls.conformance.hostile.Bytes}, whose named vectors
 *     can lie about their length at any nesting level; {@link dev.bastion.tls.conformance.hostile.Hello},
 *     {@link dev.bastion.tls.conformance.hostile.Msg}, {@link dev.bastion.tls.conformance.hostile.Exts}).
 *     Only the key schedule ({@code EarlySecret}..{@code TrafficSecret}, {@code TranscriptHash},
 *     {@code NamedGroup} key shares) and the AEAD primitive come from Bastion's {@code crypto}
 *     package; record protection is the peer's own
 *     ({@link dev.bastion.tls.conformance.hostile.RecordCipher}), so inner content types,
 *     padding, sizes and sequence numbers can be anything.</li>
 * <li>TLS 1.2 ({@link dev.bastion.tls.conformance.hostile.Client12Peer},
 *     {@link dev.bastion.tls.conformance.hostile.Server12Peer}, sharing
 *     {@link dev.bastion.tls.conformance.hostile.Peer12}): ECDHE over X25519 (and DHE for the
 *     DHE scenarios), the ECDSA or RSA interop certificates; the master secret (RFC 5246 §8.1,
 *     RFC 7627 §4), key block and Finished come from Bastion's {@code Tls12MasterSecret}, record
 *     protection is the peer's own ({@link dev.bastion.tls.conformance.hostile.RecordCipher12}:
 *     AES-GCM with the explicit nonce of RFC 5288 §3, ChaCha20-Poly1305 of RFC 7905 §2).</li>
 * <li>PSK scenarios take a real ticket ({@link dev.bastion.tls.conformance.hostile.Ticket13}):
 *     a full handshake with the server context, its NewSessionTicket, the PSK from the
 *     resumption master secret; later connections to the same context offer it with binders the
 *     peer computes (RFC 8446 §4.2.11.2).</li>
 * <li>A few scenarios need a Bastion context configured otherwise than the JVM
 *     ({@code jdk.tls.allowLegacyMasterSecret=false}, {@code dev.bastion.tls.pskKe=true}):
 *     {@link dev.bastion.tls.conformance.hostile.Victims#withProperties} makes it through Bastion's
 *     per-context {@code PropertySource}; for SunJSSE they are "not applicable".</li>
 * <li>The peer reads back what the victim sent, decrypting it with the victim's keys as they
 *     come, so the alert a victim sends is checked whether it travels in the clear or protected.</li>
 * <li>{@link dev.bastion.tls.conformance.hostile.Expect}: exactly one fatal alert with the
 *     expected description, the exact {@code SSLException} subclass with a message naming the
 *     problem, no other throwable and no internal bug behind the exception; or completion (the
 *     RFC's "ignore"), or a failure caused by the peer's alert with nothing sent back.</li>
 * </ul>
 *
 * <h2>Running</h2>
 * {@code mvn -B -o test -pl conformance -am -Dtest=HostileScenariosTest
 * -Dsurefire.failIfNoSpecifiedTests=false} ({@code -Dbastion.hostile.only=<regex>} plays only the
 * scenarios whose id matches: L TLS 1.2 against a server, M TLS 1.2 against a client, K PSK). Every scenario runs against Bastion (asserted) and
 * against SunJSSE (not asserted; {@code -Dbastion.hostile.compare=false} skips it). The table
 * {@code conformance/target/hostile/scenarios.md} shows both outcomes per scenario, and the run
 * prints {@code hostile scenarios: N, passed: N}.
 *
 * <h2>Choices where the RFCs leave room</h2>
 * Bastion refuses duplicate extensions with illegal_parameter (OpenSSL does; SunJSSE keeps the
 * last); refuses a handshake message over {@code jdk.tls.maxHandshakeMessageSize} with
 * illegal_parameter (SunJSSE: unexpected_message); bounds records without content, user_canceled
 * warnings and KeyUpdates at 32 in a row (SunJSSE 17 took 33 KeyUpdates and 33 user_canceled
 * warnings); answers close_notify during the handshake with unexpected_message. When a misplaced
 * handshake message is also malformed (a Finished of the wrong length where a ClientHello is due)
 * it reports the decode_error, because messages are decoded before the state machine sees them.
 * A Bastion client that rejects the server's encrypted flight protects its alert with its handshake
 * write key (installed right after the ServerHello), as SunJSSE does; OpenSSL sends it in the clear. Protected
 * records must carry legacy_record_version 0x0303 (protocol_version otherwise), as OpenSSL and
 * BoringSSL require, where RFC 8446 §5.1 says the field is ignored.
 *
 * <p>TLS 1.3 resumption: a ticket that does not open, or whose obfuscated_ticket_age is off by
 * more than the tolerance, is passed over (full handshake; SunJSSE resumes whatever the age);
 * only the selected identity's binder is checked, and a wrong one is decrypt_error (SunJSSE:
 * illegal_parameter); tickets are stateless, so the same ticket resumes twice (RFC 8446 §8:
 * replay matters for 0-RTT, which Bastion never accepts); psk_ke alone is not accepted unless
 * {@code dev.bastion.tls.pskKe} is set (a full handshake when the ClientHello has a key_share,
 * missing_extension when it has none, RFC 8446 §9.2; with the property set, a resumption without
 * key_share); early_data is never accepted and the
 * 0-RTT records are skipped (SunJSSE fails with bad_record_mac on them); pre_shared_key without
 * psk_key_exchange_modes is missing_extension (RFC 8446 §4.2.9; SunJSSE: illegal_parameter); a
 * client that offered no psk_key_exchange_modes it can resume with gets no NewSessionTicket
 * (RFC 8446 §4.2.9 SHOULD NOT; Bastion sent two before this suite found it).
 *
 * <p>TLS 1.2: a peer without extended_master_secret is accepted by default
 * ({@code jdk.tls.allowLegacyMasterSecret}, as SunJSSE; RFC 7627 §5.2, §5.3 let either side
 * abort); renegotiation is never done: a ClientHello or HelloRequest after the handshake gets a
 * no_renegotiation warning and the connection carries on (RFC 5746 §4.2, §4.4); a peer without
 * renegotiation_info or the SCSV is still served (RFC 5746 §3.4, §3.6 allow it); TLS_FALLBACK_SCSV
 * with a version below the server's highest is inappropriate_fallback (RFC 7507 §3, as OpenSSL and
 * GnuTLS; SunJSSE ignores the SCSV), besides the RFC 8446 §4.1.3 sentinel a TLS 1.2 ServerHello
 * from a server that enables TLS 1.3 carries; a
 * client offering a known session id without the session's suite gets a full handshake;
 * an X25519 share giving the all-zero secret is illegal_parameter (RFC 8422 §5.11 names no
 * alert); a DHE prime under 2048 bits is insufficient_security (SunJSSE accepts 1024 bits), a
 * dh_Ys outside [2, p-2] illegal_parameter (SunJSSE: handshake_failure); a record too short for
 * explicit nonce and tag is bad_record_mac; a HelloRequest before the ServerHello is ignored by a
 * client that enables TLS 1.2 only (RFC 5246 §7.4.1.1) and refused with unexpected_message by
 * one that offered TLS 1.3 (no HelloRequest in TLS 1.3). During the handshake every failure,
 * bad_record_mac included, is an {@link javax.net.ssl.SSLHandshakeException}.
 */
package dev.bastion.tls.conformance.hostile;
