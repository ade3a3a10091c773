package dev.bastion.tls.conformance.matrix;

/** The part Bastion (the subject) plays in a matrix case; the peer plays the other. */
public enum Role {
    CLIENT, SERVER;

    @Override
    public String toString() {
        return this == CLIENT ? "client" : "server";
    }
}
