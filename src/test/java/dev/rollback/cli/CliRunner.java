package dev.rollback.cli;

import dev.rollback.core.Confirmer;
import dev.rollback.core.Interruption;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Runs the real command line in-process with captured streams, as a user would see it. */
public final class CliRunner {
    public record Result(int exitCode, String out, String err) {
    }

    private final Map<String, String> env = new HashMap<>();
    private Adapters adapters = new LiveAdapters();
    private Confirmer confirmer = (command, destructive, answer) -> {
        throw dev.rollback.core.RollbackException.refused("no terminal in tests; re-run with --yes");
    };

    public CliRunner env(String key, String value) {
        env.put(key, value);
        return this;
    }

    public CliRunner adapters(Adapters adapters) {
        this.adapters = adapters;
        return this;
    }

    public CliRunner confirmer(Confirmer confirmer) {
        this.confirmer = confirmer;
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AppContext context = new AppContext(Map.copyOf(env), new PrintWriter(out, true), new PrintWriter(err, true),
            confirmer, Interruption.manual(), adapters, Clock.systemUTC());
        int code = Cli.run(context, args);
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * Adapters that must not be reached: for tests where the run has to stop before any I/O. Every
     * method (present and future) fails the test.
     */
    public static Adapters unreachable() {
        return (Adapters) java.lang.reflect.Proxy.newProxyInstance(Adapters.class.getClassLoader(),
            new Class<?>[] {Adapters.class}, (proxy, method, args) -> {
                throw new AssertionError(method.getName() + " must not be used");
            });
    }
}
