package dev.bastion.tls.message;

/** Client or server: the side that decodes, or the side that sent a message. */
public enum Side {
    CLIENT,
    SERVER;

    /** The other side. */
    public Side peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }

    @Override
    public String toString() {
        return this == CLIENT ? "client" : "server";
    }
}
