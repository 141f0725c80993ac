package dev.rollback.cli;

import dev.rollback.adapters.health.HttpCheck;
import dev.rollback.adapters.http.HttpClients;
import dev.rollback.core.Interruption;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Entry point of the {@code rollback} executable. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Before any HTTP client code runs: health checks by IP need to send a Host header.
        HttpCheck.allowHostHeader();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        Interruption interruption = Interruption.fromSignals(line -> err.println("rollback: " + line));
        AppContext context = new AppContext(System.getenv(), out, err, new TerminalConfirmer(),
            interruption, new LiveAdapters(), Clock.systemUTC(), Terminal.detect(System.getenv()));
        int code = Cli.run(context, args);
        out.flush();
        err.flush();
        HttpClients.stopSelectors();
        System.exit(code);
    }
}
