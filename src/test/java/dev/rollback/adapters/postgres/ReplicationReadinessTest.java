package dev.rollback.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the tool tells an operator to change on a server not set up for archiving. */
class ReplicationReadinessTest {
    private static final String NO_HBA = "psql: error: connection to server at \"127.0.0.1\", port 5432 failed: FATAL:"
        + "  no pg_hba.conf entry for replication connection from host \"172.18.0.1\", user \"merq\", no encryption";

    @Test
    void aReadyServerHasNoProblems() {
        assertThat(new ReplicationReadiness("replica", 10, 10, true, "merq", "172.18.0.1", null).problems()).isEmpty();
        assertThat(new ReplicationReadiness("logical", 2, 1, true, "merq", null, null).problems()).isEmpty();
    }

    @Test
    void aMissingPgHbaEntryNamesTheLineToAddWithTheUserAndTheAddressTheServerSaw() {
        assertThat(new ReplicationReadiness("replica", 10, 10, true, "merq", "10.0.0.9", NO_HBA).problems())
            .containsExactly("pg_hba.conf has no replication entry for merq from 172.18.0.1: add the line"
                + " 'host replication merq 172.18.0.1/32 scram-sha-256' (above any line that rejects it), then reload"
                + " the server (SELECT pg_reload_conf();)");
    }

    @Test
    void anIpv6ClientGetsA128BitMask() {
        String error = NO_HBA.replace("172.18.0.1", "fd00::1");
        assertThat(new ReplicationReadiness("replica", 10, 10, true, "merq", null, error).problems().get(0))
            .contains("'host replication merq fd00::1/128 scram-sha-256'");
    }

    @Test
    void everySettingToChangeIsNamedWithItsValue() {
        assertThat(new ReplicationReadiness("minimal", 0, 0, false, "app", null, null).problems()).containsExactly(
            "wal_level is minimal: set wal_level = replica in postgresql.conf (or -c wal_level=replica on the server's"
                + " command line) and restart PostgreSQL",
            "max_wal_senders is 0: set max_wal_senders = 10 (at least 2: the archiver and a base backup take one each)"
                + " and restart PostgreSQL",
            "max_replication_slots is 0: set max_replication_slots = 10 and restart PostgreSQL",
            "role app may not replicate: run ALTER ROLE \"app\" REPLICATION; as a superuser");
    }

    @Test
    void anotherConnectionFailureIsPassedOnAsTheServerSaidIt() {
        assertThat(new ReplicationReadiness("replica", 10, 10, true, "merq", null,
            "psql: error: FATAL:  password authentication failed for user \"merq\"").problems())
            .containsExactly("a replication connection as merq failed: psql: error: FATAL:  password authentication"
                + " failed for user \"merq\"");
    }
}
