package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.message.ClientKeyExchange;
import java.util.Arrays;

/** The client's half of the key exchange: the message to send and the premaster secret (owned; {@link #wipe} it). */
record ClientExchange(ClientKeyExchange message, byte[] premaster) {

    void wipe() {
        Arrays.fill(premaster, (byte) 0);
    }

    @Override
    public String toString() {
        return "ClientExchange(" + message.kind() + ", premaster hidden)";
    }
}
