package dev.bastion.tls.conformance;

import java.util.Arrays;

/** The {@code bastion} command-line tool: {@code java -jar bastion-cli.jar <command> ...}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "demo" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "demo" -> HttpsDemo.run(System.out);
            case "layers" -> FoundationDemo.run(System.out);
            default -> {
                System.err.println("usage: bastion demo | layers");
                System.exit(2);
            }
        }
        if (rest.length > 0) {
            System.err.println("ignored arguments: " + String.join(" ", rest));
        }
    }
}
