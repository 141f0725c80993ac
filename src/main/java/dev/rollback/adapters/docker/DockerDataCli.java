package dev.rollback.adapters.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.adapters.process.ProcessResult;
import dev.rollback.adapters.process.ProcessRunner;
import dev.rollback.adapters.process.ProcessSpec;
import dev.rollback.core.Json;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@link DatabaseData} through the {@code docker} CLI: every call an argv list, scripts constant (names go in as
 * arguments, never into the script), helpers of the live database's own image (present wherever the database runs,
 * and it has tar, cp and the postgres user), without network.
 */
public final class DockerDataCli implements DatabaseData {
    static final String DEFAULT_PGDATA = "/var/lib/postgresql/data";
    private static final Duration CALL = Duration.ofSeconds(60);

    /** Extracts the base backup and the needed WAL into the new volume, owned by the image's postgres user. */
    static final String PREPARE = """
        set -eu
        pgdata=$1; partial=$2; shift 2
        mkdir -p "$pgdata"
        tar -xzf /rollback-base/base.tar.gz -C "$pgdata"
        mkdir -p "$pgdata/pg_wal"
        if [ -f /rollback-base/pg_wal.tar.gz ]; then tar -xzf /rollback-base/pg_wal.tar.gz -C "$pgdata/pg_wal"; fi
        for seg in "$@"; do cp "/rollback-wal/$seg" "$pgdata/pg_wal/$seg"; done
        if [ -n "$partial" ]; then cp "/rollback-wal/$partial.partial" "$pgdata/pg_wal/$partial"; fi
        for h in /rollback-wal/*.history; do if [ -f "$h" ]; then cp "$h" "$pgdata/pg_wal/"; fi; done
        rm -f "$pgdata/postmaster.pid" "$pgdata/standby.signal"
        touch "$pgdata/recovery.signal"
        chown -R postgres:postgres "$pgdata"
        chmod 700 "$pgdata"
        sync
        """;

    /**
     * Exchanges {@code $1/_data} and {@code $2/_data} with three renames on one filesystem. Forward-only: run again
     * after an interruption, it completes the same exchange (the marker {@code $1/_data.exchange} says how far it got).
     */
    static final String EXCHANGE = """
        set -eu
        cd /rollback-volumes
        a=$1; b=$2
        if [ ! -d "$a/_data.exchange" ]; then
          if [ ! -d "$a/_data" ] || [ ! -d "$b/_data" ]; then echo "no data directory in $a or $b" >&2; exit 1; fi
          mv "$a/_data" "$a/_data.exchange"
        fi
        if [ ! -d "$a/_data" ]; then mv "$b/_data" "$a/_data"; fi
        mv "$a/_data.exchange" "$b/_data"
        sync
        """;

    private final ProcessRunner runner;
    private final String host;

    public DockerDataCli(ProcessRunner runner, String host) {
        this.runner = runner;
        this.host = host;
    }

    @Override
    public LiveData inspect(String container) {
        ProcessResult found = run(CALL, "inspect", "--type", "container", container);
        if (!found.succeeded()) {
            throw RollbackException.refused("the database container " + container + " does not exist (database.container)");
        }
        JsonNode info = json(found.stdout()).path(0);
        String pgdata = DEFAULT_PGDATA;
        for (JsonNode env : info.path("Config").path("Env")) {
            if (env.asText().startsWith("PGDATA=")) {
                pgdata = env.asText().substring("PGDATA=".length());
            }
        }
        JsonNode mount = null;
        for (JsonNode candidate : info.path("Mounts")) {
            String dest = candidate.path("Destination").asText();
            if ("volume".equals(candidate.path("Type").asText())
                && (pgdata.equals(dest) || pgdata.startsWith(dest.endsWith("/") ? dest : dest + "/"))
                && (mount == null || dest.length() > mount.path("Destination").asText().length())) {
                mount = candidate;
            }
        }
        if (mount == null) {
            throw RollbackException.refused("the database container " + container + " keeps " + pgdata
                + " in no named volume; a point-in-time restore swaps the data volume (mount one at " + pgdata + ")");
        }
        String volume = mount.path("Name").asText();
        JsonNode vol = json(checked(CALL, "volume", "inspect", volume).stdout()).path(0);
        String mountpoint = vol.path("Mountpoint").asText();
        String suffix = "/" + volume + "/_data";
        String root = mountpoint.endsWith(suffix) ? mountpoint.substring(0, mountpoint.length() - suffix.length()) : null;
        return new LiveData(container, info.path("Image").asText(), volume, vol.path("Driver").asText(), root,
            mount.path("Destination").asText(), pgdata, info.path("State").path("Running").asBoolean());
    }

    @Override
    public String unsupportedReason(String volume) {
        JsonNode vol = json(checked(CALL, "volume", "inspect", volume).stdout()).path(0);
        if (!"local".equals(vol.path("Driver").asText())) {
            return "volume " + volume + " uses the driver " + vol.path("Driver").asText()
                + "; its data can only be exchanged on the local driver";
        }
        JsonNode options = vol.path("Options");
        if (options.isObject() && options.size() > 0) {
            return "volume " + volume + " is mounted from a device or share (driver options " + options.fieldNames().next()
                + "…); its data directory cannot be renamed";
        }
        if (!vol.path("Mountpoint").asText().endsWith("/" + volume + "/_data")) {
            return "volume " + volume + " is not under the daemon's volume directory (" + vol.path("Mountpoint").asText() + ")";
        }
        return null;
    }

    @Override
    public void createVolume(String name, Map<String, String> labels) {
        List<String> argv = new ArrayList<>(List.of("volume", "create"));
        labels.forEach((key, value) -> argv.addAll(List.of("--label", key + "=" + value)));
        argv.add(name);
        checked(CALL, argv.toArray(String[]::new));
    }

    @Override
    public void removeVolume(String name) {
        run(CALL, "volume", "rm", "-f", name);
    }

    @Override
    public List<String> volumesLabelled(String label, String value) {
        return lines(checked(CALL, "volume", "ls", "-q", "--filter", "label=" + label + "=" + value).stdout());
    }

    @Override
    public List<String> containersLabelled(String label, String value) {
        return lines(checked(CALL, "ps", "-a", "--filter", "label=" + label + "=" + value, "--format", "{{.Names}}")
            .stdout());
    }

    @Override
    public void prepare(LiveData live, String volume, Path baseDir, Path walDir, List<String> segments, String partial,
                        Duration timeout) {
        List<String> argv = new ArrayList<>(List.of("run", "--rm", "--network", "none", "--label", LABEL + "=helper",
            "--label", LIVE_LABEL + "=" + live.volume(), "--user", "0:0", "--entrypoint", "sh",
            "-v", volume + ":" + live.destination(),
            "-v", baseDir.toAbsolutePath() + ":/rollback-base:ro",
            "-v", walDir.toAbsolutePath() + ":/rollback-wal:ro",
            live.image(), "-c", PREPARE, "sh", live.pgdata(), partial == null ? "" : partial));
        argv.addAll(segments);
        checked(timeout, argv.toArray(String[]::new));
    }

    @Override
    public void startServer(String name, LiveData live, String volume, List<String> settings, Map<String, String> labels) {
        List<String> argv = new ArrayList<>(List.of("run", "-d", "--name", name, "--network", "none",
            "--stop-timeout", "60", "-v", volume + ":" + live.destination(), "-e", "PGDATA=" + live.pgdata()));
        labels.forEach((key, value) -> argv.addAll(List.of("--label", key + "=" + value)));
        argv.addAll(List.of(live.image(), "postgres"));
        for (String setting : settings) {
            argv.addAll(List.of("-c", setting));
        }
        checked(CALL, argv.toArray(String[]::new));
    }

    @Override
    public ServerState serverState(String name, String user, String database) {
        ProcessResult running = run(CALL, "inspect", "-f", "{{.State.Running}}", name);
        if (!running.succeeded() || !running.stdout().strip().equals("true")) {
            return ServerState.EXITED;
        }
        ProcessResult answer = run(CALL, "exec", name, "psql", "-X", "-At", "-U", user, "-d", database, "-c",
            "select pg_is_in_recovery()");
        if (!answer.succeeded()) {
            return ServerState.STARTING;
        }
        return answer.stdout().strip().equals("f") ? ServerState.PROMOTED : ServerState.RECOVERING;
    }

    @Override
    public String query(String container, String user, String database, String sql) {
        return checked(CALL, "exec", container, "psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-U", user, "-d",
            database, "-c", sql).stdout().strip();
    }

    @Override
    public List<String> logTail(String container, int lines) {
        ProcessResult logs = run(CALL, "logs", "--tail", String.valueOf(lines), container);
        List<String> all = new ArrayList<>(lines(logs.stdout()));
        all.addAll(lines(logs.stderrTail()));
        return all;
    }

    @Override
    public void removeLeftover(String name) {
        String[] seen = run(CALL, "inspect", "-f", "{{.State.Status}} {{index .Config.Labels \"" + LABEL + "\"}}", name)
            .stdout().strip().split(" ");
        if (seen.length == 2 && seen[0].equals("running") && seen[1].equals("helper")) {
            run(Duration.ofMinutes(10), "wait", name);   // an exchange or a copy still running finishes first
        }
        removeContainer(name);
    }

    @Override
    public void removeContainer(String name) {
        run(CALL, "rm", "-f", name);
    }

    /**
     * SIGINT first: PostgreSQL's fast shutdown (sessions ended, a checkpoint, exit). {@code docker stop}'s SIGTERM is
     * its smart shutdown, which waits for every client to disconnect: with an app or a writer connected it waits out
     * the timeout and is then killed (measured: 60 s and a crash-recovery start). The stop after it waits for the
     * exit and marks the container stopped by hand, so a restart policy does not start it again.
     */
    @Override
    public void stop(String container, Duration timeout) {
        run(CALL, "kill", "-s", "SIGINT", container);   // fails harmlessly when it is not running
        checked(timeout.plusSeconds(30), "stop", "-t", String.valueOf(timeout.toSeconds()), container);
    }

    @Override
    public void start(String container) {
        checked(CALL, "start", container);
    }

    @Override
    public void exchange(LiveData live, String other, Duration timeout) {
        if (live.volumeRoot() == null) {
            throw RollbackException.refused("the volume " + live.volume() + " is not under the daemon's volume directory");
        }
        // Labelled with the live volume: a helper a killed run left created but not started is removed by the rerun
        // (PitrPointStep), never started later by someone else.
        checked(timeout, "run", "--rm", "--network", "none", "--label", LABEL + "=helper", "--label",
            LIVE_LABEL + "=" + live.volume(), "--user", "0:0", "--entrypoint", "sh", "-v", live.volumeRoot() + ":/rollback-volumes", live.image(), "-c", EXCHANGE, "sh",
            live.volume(), other);
    }

    private ProcessResult checked(Duration timeout, String... args) {
        return runner.runChecked(ProcessSpec.of(argv(host, args), timeout));
    }

    private ProcessResult run(Duration timeout, String... args) {
        return runner.run(ProcessSpec.of(argv(host, args), timeout));
    }

    /** {@code docker [-H host] args...}. */
    static List<String> argv(String host, String... args) {
        List<String> argv = new ArrayList<>(List.of("docker"));
        if (host != null && !host.isBlank()) {
            argv.addAll(List.of("-H", host));
        }
        argv.addAll(Arrays.asList(args));
        return argv;
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw RollbackException.failed("docker printed no JSON: " + e.getMessage());
        }
    }
}
