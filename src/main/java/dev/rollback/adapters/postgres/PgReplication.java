package dev.rollback.adapters.postgres;

import dev.rollback.adapters.process.ProcessResult;
import dev.rollback.adapters.process.ProcessRunner;
import dev.rollback.adapters.process.ProcessSpec;
import dev.rollback.core.PrivateFiles;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@link Replication}: settings and WAL positions over JDBC, pg_basebackup and the replication probe
 * where the other client tools run, pg_receivewal on this machine. Several values of one query come back
 * joined by '|' (the JDBC helper reads one value), none of which can contain it.
 */
final class PgReplication implements Replication {
    private static final Pattern START = Pattern.compile("write-ahead log start point: (\\S+) on timeline (\\d+)");
    private static final Pattern END = Pattern.compile("write-ahead log end point: (\\S+)");
    private static final Pattern SLOT_NAME = Pattern.compile("[a-z0-9_]{1,63}");
    /** How long pg_receivewal gets to flush and leave after SIGTERM. */
    private static final Duration RECEIVER_GRACE = Duration.ofSeconds(10);

    private final PgTarget target;
    private final PgJdbc jdbc;
    private final PgErrors errors;
    private final ProcessRunner runner;
    private final Supplier<ToolsLocation> tools;

    PgReplication(PgTarget target, PgJdbc jdbc, PgErrors errors, ProcessRunner runner, Supplier<ToolsLocation> tools) {
        this.target = target;
        this.jdbc = jdbc;
        this.errors = errors;
        this.runner = runner;
        this.tools = tools;
    }

    @Override
    public ReplicationReadiness readiness() {
        String[] v = values("select current_setting('wal_level') || '|' || current_setting('max_wal_senders')"
            + " || '|' || current_setting('max_replication_slots') || '|' || (select (rolreplication or rolsuper)::text"
            + " from pg_roles where rolname = current_user) || '|' || coalesce(host(inet_client_addr()), '')", 5);
        ProcessResult probe = runner.run(commands().identifySystem());
        String error = probe.succeeded() ? null : PgErrors.errorLine(probe);
        return new ReplicationReadiness(v[0], Integer.parseInt(v[1]), Integer.parseInt(v[2]), Boolean.parseBoolean(v[3]),
            target.user(), v[4].isEmpty() ? null : v[4], error);
    }

    @Override
    public String toolsLocation() {
        return tools.get().describe();
    }

    @Override
    public boolean toolsOnHost() {
        return !tools.get().inContainer();
    }

    @Override
    public int serverVersionNum() {
        return Integer.parseInt(values("select current_setting('server_version_num')", 1)[0]);
    }

    @Override
    public BaseBackupRun baseBackup(Path file) {
        ProcessResult result = runner.run(commands().baseBackup(file));
        if (!result.succeeded()) {
            throw errors.toolFailed("pg_basebackup", result);
        }
        Matcher start = START.matcher(result.stderrTail());
        Matcher end = END.matcher(result.stderrTail());
        if (!start.find() || !end.find()) {
            throw RollbackException.failed("pg_basebackup did not report its start and end WAL positions: "
                + result.lastErrorLine());
        }
        return new BaseBackupRun(start.group(1), end.group(1), Integer.parseInt(start.group(2)));
    }

    @Override
    public boolean ensureSlot(String slot) {
        String name = slotName(slot);
        return Boolean.parseBoolean(values("select case when exists (select 1 from pg_replication_slots where"
            + " slot_name = '" + name + "') then 'false' else (select 'true' from"
            + " pg_create_physical_replication_slot('" + name + "', true)) end", 1)[0]);
    }

    @Override
    public Optional<SlotState> slot(String slot) {
        Optional<String> row = jdbc.queryFirstValue("select s.active::text || '|' || coalesce(r.write_lsn::text, '')"
            + " || '|' || coalesce(extract(epoch from now() - r.reply_time)::text, '') || '|' || pg_current_wal_lsn()"
            + " from pg_replication_slots s left join pg_stat_replication r on r.pid = s.active_pid"
            + " where s.slot_name = '" + slotName(slot) + "'");
        return row.map(text -> {
            String[] v = text.split("\\|", -1);
            Duration age = v[2].isEmpty() ? null : Duration.ofMillis(Math.round(Double.parseDouble(v[2]) * 1000));
            return new SlotState(Boolean.parseBoolean(v[0]), v[1].isEmpty() ? null : v[1], age, v[3]);
        });
    }

    @Override
    public Exit receive(Path directory, String slot, BooleanSupplier stop) {
        ToolsLocation location = tools.get();
        if (location.inContainer()) {   // the archiver's check refuses this first; its files would land in the container
            throw RollbackException.refused("pg_receivewal must run on this machine; the client tools chosen are "
                + location.describe() + " (set database.tools: host)");
        }
        try {
            PrivateFiles.createDirectories(directory);
        } catch (IOException e) {
            throw RollbackException.failed("cannot create " + directory + ": " + e.getMessage());
        }
        ProcessSpec spec = PgCommands.onHost(target).receiveWal(directory, slotName(slot));
        ProcessResult result = runner.runUntil(spec, stop, RECEIVER_GRACE);
        return new Exit(result.exitCode(), PgErrors.errorLine(result));
    }

    @Override
    public Position currentPosition() {
        String[] v = values("select pg_current_wal_lsn()::text || '|' || to_char(now() at time zone 'UTC',"
            + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')", 2);
        return new Position(v[0], Instant.parse(v[1]));
    }

    private PgCommands commands() {
        return PgCommands.at(target, tools.get());
    }

    private String[] values(String sql, int count) {
        String row = jdbc.queryFirstValue(sql).orElseThrow(() -> RollbackException.failed("the server returned no"
            + " row for: " + sql));
        String[] v = row.split("\\|", -1);
        if (v.length != count) {
            throw RollbackException.failed("unexpected answer from the server: " + row);
        }
        return v;
    }

    private static String slotName(String slot) {
        if (slot == null || !SLOT_NAME.matcher(slot).matches()) {
            throw RollbackException.usage("'" + slot + "' is not a replication slot name (lower-case letters, digits, _)");
        }
        return slot;
    }
}
