package dev.bastion.tls.bench;

import java.security.Provider;
import java.security.Security;
import java.util.ServiceLoader;

/** Registers the Bastion provider by name (after the JDK's), found through ServiceLoader. */
final class Bastion {
    private Bastion() {
    }

    static void install() {
        if (Security.getProvider("Bastion") != null) {
            return;
        }
        for (Provider p : ServiceLoader.load(Provider.class)) {
            if (p.getName().equals("Bastion")) {
                Security.addProvider(p);
                return;
            }
        }
        throw new IllegalStateException("Bastion is not on the class path");
    }
}
