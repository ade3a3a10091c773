package dev.bastion.tls.it.support;

import static dev.bastion.tls.it.support.AppProbe.chain;
import static dev.bastion.tls.it.support.AppProbe.print;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.ModificationItem;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.StartTlsRequest;
import javax.naming.ldap.StartTlsResponse;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * JNDI's LDAP client ({@code com.sun.jndi.ldap}), unchanged and on its defaults (its TLS from
 * {@code SSLSocketFactory.getDefault()}), against UnboundID's in-memory directory server on
 * 127.0.0.1 whose listeners get their server sockets from {@code SSLContext}s of the default
 * provider list: LDAPS (TLS 1.3 and, on a listener enabling only TLS 1.2, TLS 1.2) with a
 * simple bind, a search, a modification read back; the same by the host name {@code wrong.test},
 * which the certificate does not name (JNDI sets endpoint identification "LDAPS"); StartTLS on a
 * plain listener, then a simple bind and a search over it, and StartTLS to {@code wrong.test}.
 * Prints {@code ldap.*} lines, among them the sessions the default context's client cache holds.
 */
final class LdapProbe {
    static final String BASE = "dc=bastion,dc=dev";
    static final String ALICE = "uid=alice,ou=people," + BASE;
    static final String ALICE_PASSWORD = "alice-secret";

    private LdapProbe() {
    }

    static void ldap(Properties conf) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(conf.getProperty("server.p12")))) {
            keys.load(in, Credentials.PASSWORD);
        }
        SSLContext ldaps = serverContext(keys);
        SSLContext ldaps12 = serverContext(keys);
        SSLContext startTls = serverContext(keys);
        print("ldap.server.provider", ldaps.getProvider().getName());
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPSConfig("ldaps", loopback, 0, ldaps.getServerSocketFactory(), null),
                InMemoryListenerConfig.createLDAPSConfig("ldaps12", loopback, 0,
                        new OnlyTls12(ldaps12.getServerSocketFactory()), null),
                InMemoryListenerConfig.createLDAPConfig("starttls", loopback, 0, startTls.getSocketFactory()));
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: bastion");
        server.add("dn: ou=people," + BASE, "objectClass: top", "objectClass: organizationalUnit", "ou: people");
        server.add("dn: " + ALICE, "objectClass: top", "objectClass: person", "objectClass: organizationalPerson",
                "objectClass: inetOrgPerson", "uid: alice", "cn: Alice Liddell", "sn: Liddell",
                "mail: alice@bastion.dev", "userPassword: " + ALICE_PASSWORD);
        server.add("dn: uid=bob,ou=people," + BASE, "objectClass: top", "objectClass: person",
                "objectClass: organizationalPerson", "objectClass: inetOrgPerson", "uid: bob", "cn: Bob Builder",
                "sn: Builder", "mail: bob@bastion.dev");
        server.startListening();
        try {
            ldaps("ldap.ldaps", "ldaps://localhost:" + server.getListenPort("ldaps"));
            ldaps("ldap.ldaps12", "ldaps://localhost:" + server.getListenPort("ldaps12"));
            wrongHost("ldap.ldaps-wrong", "ldaps://wrong.test:" + server.getListenPort("ldaps"));
            startTls("ldap.starttls", "ldap://localhost:" + server.getListenPort("starttls"));
            startTlsWrongHost("ldap.starttls-wrong", "ldap://wrong.test:" + server.getListenPort("starttls"));
        } finally {
            server.shutDown(true);
        }
        print("ldap.client.sessions", sessions(SSLContext.getDefault().getClientSessionContext()));
    }

    /**
     * A simple bind as alice over LDAPS, a subtree search for bob, a modification of alice's
     * description read back.
     */
    private static void ldaps(String key, String url) {
        try {
            DirContext ctx = new InitialDirContext(env(url, true));
            try {
                search(key, ctx);
                ctx.modifyAttributes("uid=alice,ou=people", new ModificationItem[] {
                    new ModificationItem(DirContext.REPLACE_ATTRIBUTE, new BasicAttribute("description", key))});
                print(key + ".description", ctx.getAttributes("uid=alice,ou=people", new String[] {"description"})
                        .get("description").get());
            } finally {
                ctx.close();
            }
        } catch (Exception e) {
            print(key + ".error", chain(e));
        }
    }

    private static void wrongHost(String key, String url) {
        try {
            DirContext ctx = new InitialDirContext(env(url, true));
            ctx.close();
            print(key, "connected");
        } catch (NamingException e) {
            print(key, chain(e));
        }
    }

    /**
     * An anonymous connection to the plain listener, StartTLS (JNDI's
     * {@code StartTlsResponse.negotiate()} on {@code SSLSocketFactory.getDefault()}), then a
     * simple bind as alice over the TLS layer and a search.
     */
    private static void startTls(String key, String url) {
        try {
            LdapContext ctx = new InitialLdapContext(env(url, false), null);
            try {
                StartTlsResponse tls = (StartTlsResponse) ctx.extendedOperation(new StartTlsRequest());
                SSLSession session = tls.negotiate();
                print(key + ".protocol", session.getProtocol());
                print(key + ".sessionClass", session.getClass().getName());
                ctx.addToEnvironment(Context.SECURITY_AUTHENTICATION, "simple");
                ctx.addToEnvironment(Context.SECURITY_PRINCIPAL, ALICE);
                ctx.addToEnvironment(Context.SECURITY_CREDENTIALS, ALICE_PASSWORD);
                search(key, ctx);
                tls.close();
            } finally {
                ctx.close();
            }
        } catch (Exception e) {
            print(key + ".error", chain(e));
        }
    }

    private static void startTlsWrongHost(String key, String url) {
        try {
            LdapContext ctx = new InitialLdapContext(env(url, false), null);
            try {
                StartTlsResponse tls = (StartTlsResponse) ctx.extendedOperation(new StartTlsRequest());
                tls.negotiate();
                print(key, "negotiated");
            } finally {
                ctx.close();
            }
        } catch (IOException | NamingException e) {
            print(key, chain(e));
        }
    }

    /** Searches the people for bob (cn and mail), and reads alice's own entry (she is bound). */
    private static void search(String key, DirContext ctx) throws NamingException {
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        controls.setReturningAttributes(new String[] {"cn", "mail"});
        controls.setTimeLimit(20_000);
        List<String> found = new ArrayList<>();
        NamingEnumeration<SearchResult> results = ctx.search("ou=people", "(uid=bob)", controls);
        while (results.hasMore()) {
            SearchResult r = results.next();
            Attributes a = r.getAttributes();
            found.add(r.getNameInNamespace() + " cn=" + a.get("cn").get() + " mail=" + a.get("mail").get());
        }
        print(key + ".search", found);
        print(key + ".aliceMail", ctx.getAttributes("uid=alice,ou=people", new String[] {"mail"}).get("mail").get());
    }

    private static Hashtable<String, Object> env(String url, boolean bind) {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, url + "/" + BASE);
        env.put("com.sun.jndi.ldap.connect.timeout", "10000");
        env.put("com.sun.jndi.ldap.read.timeout", "20000");
        if (bind) {
            env.put(Context.SECURITY_AUTHENTICATION, "simple");
            env.put(Context.SECURITY_PRINCIPAL, ALICE);
            env.put(Context.SECURITY_CREDENTIALS, ALICE_PASSWORD);
        }
        return env;
    }

    /** A server context of the default provider list from the key store, default key manager algorithm. */
    private static SSLContext serverContext(KeyStore keys) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, Credentials.PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** The session class and protocol of every session the context holds, sorted and distinct. */
    private static List<String> sessions(SSLSessionContext context) {
        TreeSet<String> out = new TreeSet<>();
        for (byte[] id : Collections.list(context.getIds())) {
            SSLSession s = context.getSession(id);
            if (s != null) {
                out.add(s.getClass().getName() + " " + s.getProtocol());
            }
        }
        return new ArrayList<>(out);
    }

    /** Server sockets of {@code delegate} with only TLS 1.2 enabled. */
    private static final class OnlyTls12 extends SSLServerSocketFactory {
        private final SSLServerSocketFactory delegate;

        OnlyTls12(SSLServerSocketFactory delegate) {
            this.delegate = delegate;
        }

        private static ServerSocket only12(ServerSocket s) {
            ((SSLServerSocket) s).setEnabledProtocols(new String[] {"TLSv1.2"});
            return s;
        }

        @Override
        public ServerSocket createServerSocket() throws IOException {
            return only12(delegate.createServerSocket());
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return only12(delegate.createServerSocket(port));
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            return only12(delegate.createServerSocket(port, backlog));
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
            return only12(delegate.createServerSocket(port, backlog, address));
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }
    }
}
