package dev.rollback.adapters.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server says about the settings WAL archiving needs, and how a replication connection from where
 * the tools run went. {@link #problems} turns it into what an operator must change, each item naming the
 * setting and its value, the pg_hba.conf line, or the {@code ALTER ROLE}: the tool never edits the server's
 * configuration itself.
 *
 * @param walLevel           {@code wal_level}: replica or logical keep enough WAL for a restore
 * @param maxWalSenders      {@code max_wal_senders}: the archiver and a base backup hold one each
 * @param maxSlots           {@code max_replication_slots}: the archiver's slot needs one
 * @param replicationRole    whether the configured user has REPLICATION (superusers have it too)
 * @param user               the configured user
 * @param clientAddress      the address the server sees this tool connect from ({@code inet_client_addr()}), or null
 * @param connectionError    the replication connection's error line, or null when it worked
 */
public record ReplicationReadiness(String walLevel, int maxWalSenders, int maxSlots, boolean replicationRole,
                                   String user, String clientAddress, String connectionError) {
    /** Two senders: the archiver streams while a base backup fetches. */
    static final int SENDERS_NEEDED = 2;
    private static final Pattern NO_HBA_ENTRY =
        Pattern.compile("no pg_hba.conf entry for replication connection from host \"([^\"]+)\"");

    /** Everything to change before archiving can work, one sentence each; empty when the server is ready. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!"replica".equals(walLevel) && !"logical".equals(walLevel)) {
            problems.add("wal_level is " + walLevel + ": set wal_level = replica in postgresql.conf (or -c"
                + " wal_level=replica on the server's command line) and restart PostgreSQL");
        }
        if (maxWalSenders < SENDERS_NEEDED) {
            problems.add("max_wal_senders is " + maxWalSenders + ": set max_wal_senders = 10 (at least "
                + SENDERS_NEEDED + ": the archiver and a base backup take one each) and restart PostgreSQL");
        }
        if (maxSlots < 1) {
            problems.add("max_replication_slots is " + maxSlots + ": set max_replication_slots = 10 and restart"
                + " PostgreSQL");
        }
        if (!replicationRole) {
            problems.add("role " + user + " may not replicate: run ALTER ROLE \"" + user + "\" REPLICATION; as a"
                + " superuser");
        }
        if (connectionError != null) {
            problems.add(connectionProblem());
        }
        return problems;
    }

    private String connectionProblem() {
        Matcher m = NO_HBA_ENTRY.matcher(connectionError);
        String from = m.find() ? m.group(1) : null;
        if (from == null && !connectionError.contains("pg_hba.conf")) {
            return "a replication connection as " + user + " failed: " + connectionError;
        }
        String network = from != null ? from : clientAddress;
        String cidr = network == null ? "ADDRESS/32" : network + (network.contains(":") ? "/128" : "/32");
        return "pg_hba.conf has no replication entry for " + user + (network == null ? "" : " from " + network)
            + ": add the line 'host replication " + user + " " + cidr + " scram-sha-256' (above any line that"
            + " rejects it), then reload the server (SELECT pg_reload_conf();)";
    }
}
