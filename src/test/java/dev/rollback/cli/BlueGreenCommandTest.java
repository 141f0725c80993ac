package dev.rollback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** blue-green's usage errors: all before any adapter is touched (the adapters here fail the test if used). */
class BlueGreenCommandTest {
    private static final String STACK = """
        stack: { name: merq, app-services: [backend, web] }
        health: { checks: [ { name: api, url: "http://127.0.0.1:18080/api/health" } ] }
        """;
    private static final String PROXY = "proxy: { container: merq-caddy }\n";

    @TempDir
    Path dir;

    private final CliRunner cli = new CliRunner().adapters(CliRunner.unreachable());

    private CliRunner.Result run(String config, String... args) throws Exception {
        Path file = dir.resolve("rollback.yml");
        Files.writeString(file, config);
        String[] all = new String[args.length + 3];
        all[0] = "blue-green";
        all[1] = "-c";
        all[2] = file.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return cli.run(all);
    }

    @Test
    void isListedWithTheOtherCommands() {
        assertThat(cli.run("--help").out()).contains("blue-green");
        assertThat(cli.run("blue-green", "--help").out()).contains("--to", "--port-offset", "--drain", "--no-pull");
    }

    @Test
    void toIsOptionalAndSaysItsDefault() throws Exception {
        CliRunner.Result result = run(STACK + PROXY, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("--to=REV").contains("default: the previous release");
    }

    @Test
    void runsComposeAndSwarmStacksOnly() throws Exception {
        CliRunner.Result result = run(STACK.replace("name: merq,", "name: merq, target: dokploy,") + PROXY
            + "dokploy: { url: \"http://127.0.0.1:1\", api-key-env: DOKPLOY_KEY }\n", "--to", "HEAD~1");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("blue-green works for stack.target compose or swarm, not dokploy; use redeploy");
    }

    @Test
    void needsTheProxyAndAHealthCheckThroughIt() throws Exception {
        CliRunner.Result noProxy = run(STACK, "--to", "HEAD~1");
        CliRunner.Result noCheck = run("stack: { name: merq, app-services: [web] }\n" + PROXY, "--to", "HEAD~1");

        assertThat(noProxy.exitCode()).isEqualTo(2);
        assertThat(noProxy.err()).contains("add proxy: {kind: caddy, service: <Caddy's compose service> (or container:");
        assertThat(noCheck.exitCode()).isEqualTo(2);
        assertThat(noCheck.err()).contains("add a health.checks entry whose URL goes through Caddy");
    }

    @Test
    void onlyCaddyIsAProxyKind() throws Exception {
        CliRunner.Result result = run(STACK + "proxy: { kind: nginx, container: x }\n", "--to", "HEAD~1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("proxy.kind must be one of caddy, got 'nginx'");
    }

    @Test
    void badOffsetOrDrainIsAUsageError() throws Exception {
        CliRunner.Result offset = run(STACK + PROXY, "--to", "HEAD~1", "--port-offset", "0");
        CliRunner.Result drain = run(STACK + PROXY, "--to", "HEAD~1", "--drain", "ten seconds");

        assertThat(offset.exitCode()).isEqualTo(2);
        assertThat(offset.err()).contains("--port-offset must be between 1 and 60000, got 0");
        assertThat(drain.exitCode()).isEqualTo(2);
        assertThat(drain.err()).contains("--drain: 'ten seconds' is not a duration");
    }
}
