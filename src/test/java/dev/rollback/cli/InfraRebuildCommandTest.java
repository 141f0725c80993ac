package dev.rollback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code infra-rebuild}'s option mistakes: one line, exit 2, nothing reached. */
class InfraRebuildCommandTest {
    @TempDir
    Path dir;

    private final CliRunner cli = new CliRunner().adapters(CliRunner.unreachable());

    private String config(String extra) throws IOException {
        Path file = dir.resolve("rollback.yml");
        Files.writeString(file, "stack: { name: merq }\nbackups: { dir: ./backups }\n" + extra);
        return file.toString();
    }

    private static final String DIGITALOCEAN =
        "digitalocean: { droplet-id: 123, domain: example.com, records: [api, admin] }\n";

    @Test
    void withADigitalOceanSectionTheProviderMustBeSaid() throws IOException {
        CliRunner.Result result = cli.run("--config", config(DIGITALOCEAN), "level4", "--yes");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("say --provider digitalocean (the droplet) or --provider local (this host)");
    }

    @Test
    void dropletOptionsAreRefusedForTheLocalProviderAndLocalOptionsForDigitalOcean() throws IOException {
        CliRunner.Result snapshot = cli.run("--config", config(""), "infra-rebuild", "--snapshot", "latest");
        CliRunner.Result release = cli.run("--config", config(DIGITALOCEAN), "infra-rebuild", "--provider",
            "digitalocean", "--release", "previous");

        assertThat(snapshot.exitCode()).isEqualTo(2);
        assertThat(snapshot.err()).contains("are for --provider digitalocean");
        assertThat(release.exitCode()).isEqualTo(2);
        assertThat(release.err()).contains("are for --provider local");
    }

    @Test
    void badValuesAreUsageErrors() throws IOException {
        assertThat(cli.run("--config", config(""), "infra-rebuild", "--provider", "aws").exitCode()).isEqualTo(2);
        CliRunner.Result volumes = cli.run("--config", config(""), "infra-rebuild", "--restore-volumes", "sometimes");
        assertThat(volumes.exitCode()).isEqualTo(2);
        assertThat(volumes.err()).contains("--restore-volumes must be missing, latest or none");
    }

    @Test
    void aMissingDropletIdIsAUsageError() throws IOException {
        CliRunner.Result result = cli.run("--config", config("digitalocean: { domain: example.com }\n"),
            "infra-rebuild", "--provider", "digitalocean");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("needs digitalocean.droplet-id");
    }

    @Test
    void theTokenMustBeInItsVariable() throws IOException {
        CliRunner.Result result = new CliRunner().run("--config", config(DIGITALOCEAN), "infra-rebuild", "--provider",
            "digitalocean", "-o", "json");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("$DIGITALOCEAN_TOKEN is not set");
        assertThat(result.out()).contains("\"exitCode\" : 2");
    }

    @Test
    void aDokployStackIsNotRebuiltHere() throws IOException {
        Path file = dir.resolve("rollback.yml");
        Files.writeString(file, "stack: { name: merq, target: dokploy }\n");

        CliRunner.Result result = cli.run("--config", file.toString(), "infra-rebuild");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("infra-rebuild works for stack.target compose or swarm, not dokploy");
    }
}
