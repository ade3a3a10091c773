import java.security.Provider;
import java.security.Security;

/** Run in a fresh JVM by RegistrationTest: reports how the JDK sees the Bastion provider. */
public class RegistrationProbe {
    public static void main(String[] args) {
        Provider p = Security.getProvider("Bastion");
        Provider first = Security.getProviders()[0];
        System.out.println("found=" + (p != null));
        System.out.println("class=" + (p == null ? "-" : p.getClass().getName()));
        System.out.println("first=" + first.getName());
        System.out.println("module=" + (p == null ? "-" : String.valueOf(p.getClass().getModule().getName())));
    }
}
