package dev.rollback.cli;

import dev.rollback.adapters.docker.StackTool;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.HttpCheck;
import dev.rollback.backup.BackupStore;
import dev.rollback.backup.DumpInspector;
import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.config.Config;
import dev.rollback.core.config.DigitalOceanConfig;
import dev.rollback.core.config.HttpCheckConfig;
import dev.rollback.incident.IncidentStep;
import dev.rollback.platform.Capability;
import dev.rollback.platform.Platform;
import dev.rollback.platform.RedeployRequest;
import dev.rollback.redeploy.MigrationGate;
import dev.rollback.rebuild.CloudInputs;
import dev.rollback.rebuild.CloudInputs.DnsUpdate;
import dev.rollback.rebuild.CloudInputs.Placement;
import dev.rollback.rebuild.DatabaseInputs;
import dev.rollback.rebuild.LocalInputs;
import dev.rollback.rebuild.RebuildPlan;
import dev.rollback.rebuild.ReleaseInputs;
import dev.rollback.rebuild.VolumeInputs;
import dev.rollback.restore.RestorePlan;
import dev.rollback.verify.VerifyPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code infra-rebuild} (level 4): incident bundle, stop everything, restore the server, DNS after verification, data, verify. */
@Command(name = "infra-rebuild", aliases = "level4", mixinStandardHelpOptions = true,
    header = "Level 4: rebuild the server and bring the stack back.",
    description = {
        "Record an incident bundle, stop everything, restore the server (this host, or a DigitalOcean "
            + "snapshot/backup, or a new droplet), check the new server by IP before any DNS change, point the A "
            + "records at it, restore data, verify everything. See docs/infra-rebuild.md.",
        "Example: rollback level4 --provider local --restore-db latest --yes"})
final class InfraRebuildCommand extends PlanCommand {
    /** Where the stack is rebuilt. */
    enum Provider { local, digitalocean }

    @Option(names = "--provider", paramLabel = "local|digitalocean",
        description = "local: rebuild on this host; digitalocean: the droplet of digitalocean.droplet-id "
            + "(default: local, unless rollback.yml has a digitalocean section: then say which).")
    Provider provider;

    @Option(names = "--snapshot", paramLabel = "ID|latest",
        description = "digitalocean: the snapshot or backup to restore (default: latest, the newest of either).")
    String snapshot;

    @Option(names = "--new-server", description = "digitalocean: create a new droplet from it instead of rebuilding the old one.")
    boolean newServer;

    @Option(names = "--skip-dns", description = "digitalocean: print the DNS changes instead of making them.")
    boolean skipDns;

    @Option(names = "--restore-db", paramLabel = "latest|FILE|none",
        description = "local: restore the database through level 3 after the rebuild (default: none).")
    String restoreDb = "none";

    @Option(names = "--restore-volumes", paramLabel = "missing|latest|none",
        description = "local: refill named volumes from their newest archives: missing (default) only those the"
            + " rebuild had to create, latest every one that has an archive, none.")
    String restoreVolumes = "missing";

    @Option(names = "--release", paramLabel = "ID|previous|latest|current",
        description = "local: the release to bring up: latest recorded (default), previous, an id, or current (the"
            + " stack files' tags as they are, without the ledger).")
    String release;

    InfraRebuildCommand(AppContext app) {
        super(app);
    }

    @Override
    protected Plan plan(Session session) {
        Config config = session.config();
        session.platform().require(Capability.INFRA_REBUILD);
        return providerOf(config) == Provider.local ? local(session) : digitalOcean(session);
    }

    private Provider providerOf(Config config) {
        if (provider != null) {
            return provider;
        }
        if (config.digitalocean() != null) {
            throw RollbackException.usage("rollback.yml has a digitalocean section: say --provider digitalocean (the"
                + " droplet) or --provider local (this host)");
        }
        return Provider.local;
    }

    private Plan local(Session session) {
        VolumeInputs.Mode volumeMode = volumeMode();
        if (snapshot != null || newServer || skipDns) {
            throw RollbackException.usage("--snapshot, --new-server and --skip-dns are for --provider digitalocean");
        }
        Config config = session.config();
        BackupStore store = new BackupStore(config.backupsDir(), app.clock());
        Platform platform = session.platform();
        StackTool stackFiles = platform.stackFiles();
        ReleaseInputs releaseInputs = new ReleaseInputs(session.docker(), stackFiles, platform.stack(), session.ledger(),
            release == null ? ReleaseInputs.LATEST : release, session.httpChecks(), session.healthGate(),
            id -> platform.redeploy(new RedeployRequest(session.ledger(), id, List.of(), session.httpChecks(),
                session.healthGate(), false, true,
                MigrationGate.skipped("level 4 restores the database with the release"))).steps());
        VolumeInputs volumes = new VolumeInputs(volumeMode == VolumeInputs.Mode.NONE ? null : session.volumes(),
            stackFiles, store, volumeMode);
        return RebuildPlan.local(new LocalInputs(incident(session, store), releaseInputs, volumes, database(session, store),
            () -> VerifyPlan.build(session.verifyInputs(services(session), app.clock().instant())).steps(),
            app.interruption()::requested));
    }

    private VolumeInputs.Mode volumeMode() {
        return switch (restoreVolumes) {
            case "missing" -> VolumeInputs.Mode.MISSING;
            case "latest" -> VolumeInputs.Mode.LATEST;
            case "none" -> VolumeInputs.Mode.NONE;
            default -> throw RollbackException.usage("--restore-volumes must be missing, latest or none, got '"
                + restoreVolumes + "'");
        };
    }

    private DatabaseInputs database(Session session, BackupStore store) {
        if ("none".equals(restoreDb)) {
            return null;
        }
        Config config = session.config();
        String database = config.database().name();
        if (database == null) {
            throw RollbackException.usage("--restore-db needs database.name (set it in rollback.yml or DB_NAME)");
        }
        return new DatabaseInputs(restoreDb, store, new DumpInspector(session.postgres()), session.postgres(),
            config.health().timeout(), Duration.ofMillis(500), dump -> level3(session, store, database, dump));
    }

    /** Level 3's own steps for the chosen dump: pre-restore backup, app stopped, scratch restore, swap, start, verify. */
    private List<Step> level3(Session session, BackupStore store, String database, Path dump) {
        Config config = session.config();
        List<String> appServices = config.stack().appServices();
        Platform platform = session.platform();
        List<HealthCheck> containers = platform.serviceChecks(appServices);
        RestorePlan.Inputs inputs = new RestorePlan.Inputs(
            new RestorePlan.Tools(session.postgres(), store, platform.appServices(appServices), app.clock()),
            new RestorePlan.Choices(dump.toString(), RestorePlan.PreRestoreBackup.TAKE, RestorePlan.Method.SCRATCH_THEN_SWAP,
                RestorePlan.OldDatabase.KEEP, 2),
            new RestorePlan.Verification(config.verify().sampleQuery(), session.healthGate(), containers,
                session.httpChecks()),
            null);
        return RestorePlan.build(database, inputs).steps();
    }

    /** Every service of the stack files: level 4 verifies everything, the database included. */
    private static List<String> services(Session session) {
        return session.platform().stackFiles().services();
    }

    private Plan digitalOcean(Session session) {
        if (release != null || !"none".equals(restoreDb) || !"missing".equals(restoreVolumes)) {
            throw RollbackException.usage("--release, --restore-db and --restore-volumes are for --provider local;"
                + " after a droplet restore, restore the database with `rollback level3` against the new server");
        }
        Config config = session.config();
        DigitalOceanConfig droplet = config.digitalocean();
        if (droplet == null || droplet.dropletId() == null) {
            throw RollbackException.usage("--provider digitalocean needs digitalocean.droplet-id in rollback.yml");
        }
        if (!droplet.records().isEmpty() && droplet.domain() == null) {
            throw RollbackException.usage("digitalocean.records needs digitalocean.domain (e.g. example.com)");
        }
        List<HttpCheckConfig> checks = config.health().checks();
        CloudInputs inputs = new CloudInputs(incident(session, new BackupStore(config.backupsDir(), app.clock())),
            config.stack().name(), session.digitalOcean(),
            new CloudInputs.Server(droplet.dropletId(), snapshot == null ? CloudInputs.LATEST : snapshot,
                newServer ? Placement.NEW_DROPLET : Placement.REBUILD_IN_PLACE, droplet.region(), droplet.size(),
                droplet.sshKeys()),
            new CloudInputs.Dns(droplet.domain(), droplet.records(), droplet.dnsTtl(),
                skipDns ? DnsUpdate.LIST_ONLY : DnsUpdate.MAKE),
            new CloudInputs.Checks(checks.stream().map(HttpCheckConfig::url).toList(),
                ip -> checks.stream().<HealthCheck>map(check -> HttpCheck.atAddress(check, ip)).toList(),
                session.healthGate()),
            new CloudInputs.Timing(droplet.actionTimeout(), droplet.pollInterval(), app.clock(),
                app.interruption()::requested));
        return RebuildPlan.digitalOcean(inputs);
    }

    private Step incident(Session session, BackupStore store) {
        return new IncidentStep(session.incidentSources(), store, app.clock());
    }

    @Override
    protected void printResult(Report report, PrintWriter out) {
        RebuildResultText.print(report, out);
    }
}
