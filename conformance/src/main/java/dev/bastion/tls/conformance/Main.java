package dev.bastion.tls.conformance;

import dev.bastion.tls.conformance.cli.ClientCommand;
import dev.bastion.tls.conformance.cli.Failures;
import dev.bastion.tls.conformance.cli.ServerCommand;
import dev.bastion.tls.conformance.cli.UsageException;
import java.util.Arrays;

/** The {@code bastion} command-line tool: {@code java -jar bastion-cli.jar <command> ...}. */
public final class Main {
    static final String USAGE = """
            usage: bastion <command> [options]

              demo      the JDK's HTTPS server and HTTP client over Bastion, on 127.0.0.1
              layers    Bastion's lower layers alone (key agreement, key schedule, records)

              server [--port P] [--bind ADDR] [--cert F --key F | --keystore F --storepass S]
                     [--tls1.2|--tls1.3] [--groups G,..] [--suites S,..] [--alpn P,..]
                     [--verify-client [--cafile F]] [--max-requests N] [--timeout SECONDS]
                     [--provider NAME] [--trace]
                  answers HTTP/1.x requests with a page about the TLS session (port 4433 and
                  a throwaway localhost certificate by default; port 0 picks a free one)

              client https://host[:port]/[path] [URL...] [--resume N] [--cafile F | --insecure]
                     [--cert F --key F] [--tls1.2|--tls1.3] [--groups G,..] [--suites S,..]
                     [--alpn P,..] [--provider NAME] [--trace]
                  fetches the URL and prints protocol, suite, group, ALPN, resumption and the
                  server's chain; --resume N connects N more times with the same context

              --provider SunJSSE runs the same command on the JDK's own provider;
              --trace prints every handshake message, dissected, on standard error.
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "demo" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        int status = 0;
        try {
            switch (command) {
                case "demo" -> HttpsDemo.run(System.out);
                case "layers" -> FoundationDemo.run(System.out);
                case "server" -> status = ServerCommand.run(rest, System.out);
                case "client" -> status = ClientCommand.run(rest, System.out);
                case "help", "-h", "--help" -> System.out.print(USAGE);
                default -> throw new UsageException("unknown command " + command);
            }
        } catch (UsageException e) {
            System.err.println("bastion: " + e.getMessage());
            System.err.print(USAGE);
            status = 2;
        } catch (Exception e) {
            System.err.println("bastion: " + Failures.describe(e));
            status = 1;
        }
        if ((command.equals("demo") || command.equals("layers")) && rest.length > 0) {
            System.err.println("ignored arguments: " + String.join(" ", rest));
        }
        System.out.flush();
        System.exit(status);
    }
}
