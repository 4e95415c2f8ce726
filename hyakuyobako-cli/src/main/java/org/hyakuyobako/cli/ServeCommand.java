package org.hyakuyobako.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.hyakuyobako.web.ServeOptions;
import org.hyakuyobako.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: the results of an analyze run in the browser, on 127.0.0.1 unless told otherwise. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Serve the results of an analyze run (its --out directory) as web pages and a JSON API:",
            "verdicts, hosts, synchronized events, and the animated octet wheel and mirrored octet columns.",
            "Listens on 127.0.0.1; --bind elsewhere requires a token. Stop with Ctrl-C."
        })
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "hyakuyobako-out",
            description = "The result directory of analyze (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = ServeOptions.LOOPBACK,
            description = "Address to listen on (default: ${DEFAULT-VALUE}). Anything but loopback needs --token.")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8642", description = "TCP port (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Access token (at least 16 letters, digits or - . _ ~); default: the HYAKUYOBAKO_TOKEN environment variable.")
    String token;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String secret = token != null ? token : System.getenv("HYAKUYOBAKO_TOKEN");
        if (secret != null && secret.isEmpty()) {
            secret = null;
        }
        ServeOptions options;
        try {
            options = new ServeOptions(out, bind, port, secret);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        WebServer server;
        try {
            server = WebServer.start(options);
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "serve-shutdown"));
        System.out.println("serving " + out.toAbsolutePath().normalize() + " at " + server.url());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
