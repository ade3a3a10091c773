/** Bastion: a pure-Java TLS 1.3 and TLS 1.2 JSSE provider. */
module dev.bastion.tls {
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;

    exports dev.bastion.tls;

    provides java.security.Provider with dev.bastion.tls.BastionProvider;
}
