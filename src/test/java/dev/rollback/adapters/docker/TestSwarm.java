package dev.rollback.adapters.docker;

import static dev.rollback.adapters.docker.TestDocker.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Swarm set-up and clean-up with the docker CLI, like {@link TestDocker}. The swarm itself stays
 * active after the tests (compose tests do not mind it); the services go.
 */
final class TestSwarm {
    private TestSwarm() {
    }

    /** Makes this node a one-node swarm manager unless it is one already. */
    static void ensureManager() {
        if ("inactive".equals(nodeState().split(" ")[0])) {
            try {
                docker("swarm", "init", "--advertise-addr", "127.0.0.1");
            } catch (RuntimeException e) {
                // Another test run may have initialised it in the meantime: the check below decides.
                System.err.println("swarm init: " + e.getMessage());
            }
        }
        assertThat(nodeState()).as("Swarm state of this node (LocalNodeState ControlAvailable)")
            .isEqualTo("active true");
    }

    private static String nodeState() {
        return docker("info", "--format", "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}");
    }

    /**
     * Creates {@code <stack>_<name>} labelled as part of the stack, one replica (unless the options
     * set {@code --replicas} or {@code --mode}), 1 s stop grace period, without waiting for it;
     * answers its ID.
     */
    static String createService(String stack, String name, String image, String... options) {
        List<String> argv = new ArrayList<>(List.of("service", "create", "--detach", "--name", stack + "_" + name,
            "--label", SwarmEngine.STACK_LABEL + "=" + stack, "--stop-grace-period", "1s"));
        List<String> given = Arrays.asList(options);
        if (!given.contains("--replicas") && !given.contains("--mode")) {
            argv.addAll(List.of("--replicas", "1"));
        }
        argv.addAll(given);
        argv.add(image);
        return docker(argv.toArray(String[]::new));
    }

    /** Best effort: removes every service of the stack; Swarm then removes their containers. */
    static void removeStack(String stack) {
        try {
            List<String> ids = docker("service", "ls", "-q", "--filter", "label=" + SwarmEngine.STACK_LABEL + "=" + stack)
                .lines().filter(id -> !id.isBlank()).toList();
            if (!ids.isEmpty()) {
                List<String> argv = new ArrayList<>(List.of("service", "rm"));
                argv.addAll(ids);
                docker(argv.toArray(String[]::new));
            }
        } catch (RuntimeException e) {
            System.err.println("cleanup: " + e.getMessage());
        }
    }

    /** One field of the service's spec as JSON, e.g. {@code .TaskTemplate.ContainerSpec.Ulimits}. */
    static String specField(String serviceId, String path) {
        return docker("service", "inspect", "--format", "{{json .Spec" + path + "}}", serviceId);
    }
}
