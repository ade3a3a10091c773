/**
 * What the TLS 1.2 client and server share: the suite's demands
 * ({@link dev.bastion.tls.handshake.tls12.common.Suites12}), signature scheme choice
 * ({@link dev.bastion.tls.handshake.tls12.common.Schemes12}), the master secret and its key log
 * line ({@link dev.bastion.tls.handshake.tls12.common.MasterSecrets}) and the signed
 * ServerKeyExchange content ({@link dev.bastion.tls.handshake.tls12.common.SignedParams}).
 */
package dev.bastion.tls.handshake.tls12.common;
