package dev.rollback.adapters.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to run. {@code environment} carries secrets (e.g. PGPASSWORD); it is added to the tool's
 * environment, from which the tool's secrets were taken out ({@link ChildEnvironment}), and never
 * printed. {@code passedSecrets} names the tool's secrets this child gets all the same (a compose
 * file's {@code ${DB_PASSWORD}}). {@code stdoutFile} streams output to a file instead of
 * capturing it (dumps); {@code stdinFile} feeds a file (restores), redirected by the operating
 * system; {@code stdinSource} feeds a stream the runner copies in (decompressed or wrapped input).
 * At most one of the two is set.
 */
public record ProcessSpec(List<String> argv, Map<String, String> environment, Path workdir,
                          Duration timeout, Path stdinFile, StdinSource stdinSource, Path stdoutFile,
                          Set<String> passedSecrets) {

    public ProcessSpec {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        passedSecrets = Set.copyOf(passedSecrets);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty argv");
        }
        if (stdinFile != null && stdinSource != null) {
            throw new IllegalArgumentException("stdin is either a file or a stream, not both");
        }
    }

    public static ProcessSpec of(List<String> argv, Duration timeout) {
        return new ProcessSpec(argv, Map.of(), null, timeout, null, null, null, Set.of());
    }

    public ProcessSpec withEnvironment(Map<String, String> env) {
        return new ProcessSpec(argv, env, workdir, timeout, stdinFile, stdinSource, stdoutFile, passedSecrets);
    }

    public ProcessSpec inDirectory(Path dir) {
        return new ProcessSpec(argv, environment, dir, timeout, stdinFile, stdinSource, stdoutFile, passedSecrets);
    }

    public ProcessSpec stdinFrom(Path file) {
        return new ProcessSpec(argv, environment, workdir, timeout, file, null, stdoutFile, passedSecrets);
    }

    /** Streams {@code source} into stdin instead of a file (replaces a stdin file set before). */
    public ProcessSpec stdinFrom(StdinSource source) {
        return new ProcessSpec(argv, environment, workdir, timeout, null, source, stdoutFile, passedSecrets);
    }

    public ProcessSpec stdoutTo(Path file) {
        return new ProcessSpec(argv, environment, workdir, timeout, stdinFile, stdinSource, file, passedSecrets);
    }

    /** Passes the tool's secrets named in {@code variables} on to this child, from the tool's environment. */
    public ProcessSpec passing(Set<String> variables) {
        return new ProcessSpec(argv, environment, workdir, timeout, stdinFile, stdinSource, stdoutFile, variables);
    }

    /**
     * Runs the program under umask 077, so the files it creates itself are owner-only whatever the
     * caller's umask (pg_dump's directory format creates its files with the process umask, and a
     * JVM cannot set a child's). The shell script is this constant; the argv follows it as
     * positional parameters, never parsed by the shell.
     */
    public ProcessSpec withOwnerOnlyFiles() {
        if (ownerOnlyFiles()) {
            return this;
        }
        List<String> wrapped = new ArrayList<>(OWNER_ONLY_PREFIX);
        wrapped.addAll(argv);
        return new ProcessSpec(wrapped, environment, workdir, timeout, stdinFile, stdinSource, stdoutFile, passedSecrets);
    }

    /** True when the program runs under umask 077 ({@link #withOwnerOnlyFiles()}). */
    public boolean ownerOnlyFiles() {
        return argv.size() > OWNER_ONLY_PREFIX.size() && argv.subList(0, OWNER_ONLY_PREFIX.size()).equals(OWNER_ONLY_PREFIX);
    }

    /** The program and its first argument, for messages: "pg_dump", "docker exec". */
    public String displayName() {
        List<String> program = ownerOnlyFiles() ? argv.subList(OWNER_ONLY_PREFIX.size(), argv.size()) : argv;
        String name = Path.of(program.get(0)).getFileName().toString();
        return program.size() > 1 && !program.get(1).startsWith("-") ? name + " " + program.get(1) : name;
    }

    /** {@code sh -c SCRIPT sh program args...}: $0 is "sh", "$@" the program and its arguments. */
    private static final List<String> OWNER_ONLY_PREFIX = List.of("sh", "-c", "umask 077 && exec \"$@\"", "sh");
}
