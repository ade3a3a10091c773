/**
 * The JSSE adapters over the connection core: {@link dev.bastion.tls.engine.BastionEngine}
 * ({@code SSLEngine}) and {@link dev.bastion.tls.engine.BastionSocket} ({@code SSLSocket}, a
 * blocking loop: {@code SocketIo}, {@code SocketOutput}, over its own or a layered TCP
 * connection, {@code BaseSocket}), {@link dev.bastion.tls.engine.BastionServerSocket} and the
 * socket factories, sharing the parameters, sessions and credentials (key manager, trust
 * manager, ALPN selector, called with the engine or the socket: {@code ManagerBinding}).
 */
package dev.bastion.tls.engine;
