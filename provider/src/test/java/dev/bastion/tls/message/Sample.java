package dev.bastion.tls.message;

/** A message and the context its receiver decodes it with. */
record Sample(HandshakeMessage message, DecodeContext context) {
}
