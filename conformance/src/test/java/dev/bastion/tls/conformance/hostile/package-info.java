/**
 * The hostile test peer (issue 7 §3): a raw TLS 1.3 client and server in Java that drive an
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
 * -Dsurefire.failIfNoSpecifiedTests=false}. Every scenario runs against Bastion (asserted) and
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
 */
package dev.bastion.tls.conformance.hostile;
