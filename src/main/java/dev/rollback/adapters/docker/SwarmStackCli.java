package dev.rollback.adapters.docker;

import dev.rollback.adapters.process.ProcessResult;
import dev.rollback.adapters.process.ProcessRunner;
import dev.rollback.adapters.process.ProcessSpec;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Swarm stack's files applied with the {@code docker stack} CLI. What the files declare is read
 * with compose ({@code reader}: the same files, the stack's name as project), which resolves them
 * as {@code docker stack deploy} does; deploying and removing is {@code docker stack}'s.
 *
 * <ul>
 *   <li>{@link #deploy}: {@code docker stack deploy --prune --resolve-image never --with-registry-auth -c FILE STACK}.
 *       {@code docker stack} does not read {@code .env}: its variables are given in the child's
 *       environment (never argv), under those the tool's own environment sets, as compose ranks them.
 *       {@code --resolve-image never}: each node runs the tag as the files name it, so a local-only
 *       image (the tool's protective tags) deploys without a registry; {@code --prune} removes the
 *       services the files no longer name.</li>
 *   <li>{@link #down}: {@code docker stack rm}, then waits until the stack's containers and networks
 *       are gone (Swarm removes them after the command returns), at most {@code removeTimeout}.</li>
 *   <li>{@link #create}: creates the declared volumes that are missing on this node, labelled with the
 *       stack namespace as {@code docker stack deploy} would; Swarm has no "create without starting"
 *       for services, so they start at {@link #deploy}.</li>
 * </ul>
 */
public final class SwarmStackCli implements StackTool {
    private static final Logger LOG = LoggerFactory.getLogger(SwarmStackCli.class);
    private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration POLL = Duration.ofMillis(500);
    static final String NAMESPACE_LABEL = "com.docker.stack.namespace";

    private final ComposeProject stack;
    private final Compose reader;
    private final ProcessRunner runner;
    private final Duration removeTimeout;
    private final String docker;

    /** @param removeTimeout how long the stack's containers and networks may take to go after {@code docker stack rm} */
    public SwarmStackCli(ComposeProject stack, Compose reader, ProcessRunner runner, Duration removeTimeout) {
        this(stack, reader, runner, removeTimeout, "docker");
    }

    /** @param docker the docker CLI to run (tests give a script that records its calls) */
    SwarmStackCli(ComposeProject stack, Compose reader, ProcessRunner runner, Duration removeTimeout, String docker) {
        this.stack = stack;
        this.reader = reader;
        this.runner = runner;
        this.removeTimeout = removeTimeout;
        this.docker = docker;
    }

    @Override
    public String implementation() {
        return "docker stack";
    }

    /** {@code docker stack} for another stack and its files (blue-green's {@code <stack>-green}). */
    @Override
    public StackTool forProject(ComposeProject other) {
        return new SwarmStackCli(other, reader.forProject(other), runner, removeTimeout);
    }

    @Override
    public Map<String, String> images() {
        return reader.images();
    }

    @Override
    public List<String> services() {
        return reader.services();
    }

    @Override
    public List<String> volumes() {
        return reader.volumes();
    }

    @Override
    public void deploy() {
        List<String> args = new ArrayList<>(List.of("stack", "deploy", "--prune", "--resolve-image", "never",
            "--with-registry-auth"));
        for (Path file : stack.files()) {
            args.addAll(List.of("-c", stack.workdir().resolve(file).toString()));
        }
        args.add(stack.name());
        LOG.info("docker stack deploy of stack {}", stack.name());
        run(args, DEPLOY_TIMEOUT, envFileVariables());
    }

    @Override
    public void down() {
        LOG.info("docker stack rm {}", stack.name());
        run(List.of("stack", "rm", stack.name()), READ_TIMEOUT, Map.of());
        long deadline = System.nanoTime() + removeTimeout.toNanos();
        List<String> left = leftOver();
        while (!left.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw RollbackException.failed("docker stack rm " + stack.name() + ": " + String.join(" and ", left)
                    + " still there after " + removeTimeout.toSeconds() + " s; see docker stack ps " + stack.name());
            }
            sleep();
            left = leftOver();
        }
    }

    @Override
    public void create() {
        for (String volume : reader.volumes()) {
            if (!run(List.of("volume", "ls", "-q", "--filter", "name=^" + volume + "$"), READ_TIMEOUT, Map.of())
                    .stdout().lines().anyMatch(volume::equals)) {
                run(List.of("volume", "create", "--label", NAMESPACE_LABEL + "=" + stack.name(), volume), READ_TIMEOUT,
                    Map.of());
            }
        }
    }

    /** What of the stack is still there: "2 containers", "1 network"; empty when it is gone. */
    private List<String> leftOver() {
        String filter = "label=" + NAMESPACE_LABEL + "=" + stack.name();
        List<String> left = new ArrayList<>();
        long containers = run(List.of("ps", "-aq", "--filter", filter), READ_TIMEOUT, Map.of()).stdout().lines()
            .filter(line -> !line.isBlank()).count();
        long networks = run(List.of("network", "ls", "-q", "--filter", filter), READ_TIMEOUT, Map.of()).stdout().lines()
            .filter(line -> !line.isBlank()).count();
        if (containers > 0) {
            left.add(containers + (containers == 1 ? " container" : " containers"));
        }
        if (networks > 0) {
            left.add(networks + (networks == 1 ? " network" : " networks"));
        }
        return left;
    }

    /** The env file's variables that the tool's own environment does not set (that one wins, as with compose). */
    private Map<String, String> envFileVariables() {
        Map<String, String> variables = new LinkedHashMap<>();
        if (stack.envFile() != null) {
            EnvFile.read(stack.workdir().resolve(stack.envFile())).forEach((name, value) -> {
                if (System.getenv(name) == null) {
                    variables.put(name, value);
                }
            });
        }
        return variables;
    }

    private ProcessResult run(List<String> args, Duration timeout, Map<String, String> environment) {
        List<String> argv = new ArrayList<>(List.of(docker));
        argv.addAll(args);
        ProcessResult result = runner.run(ProcessSpec.of(argv, timeout).inDirectory(stack.workdir())
            .withEnvironment(environment).passing(stack.namedVariables()));
        if (!result.succeeded()) {
            String error = result.lastErrorLine();
            throw RollbackException.failed("docker " + args.get(0) + " " + args.get(1) + " failed for stack " + stack.name()
                + " (exit " + result.exitCode() + ")" + (error.isEmpty() ? "" : ": " + error));
        }
        return result;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RollbackException(ExitCode.INTERRUPTED, "waiting for docker stack rm was interrupted", e);
        }
    }
}
