package dev.rollback.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PgToolVersionTest {

    @Test
    void parsesDebianPackagedVersion() {
        assertThat(ToolVersion.parse("pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n"))
            .contains(new ToolVersion(15, "15.18"));
    }

    @Test
    void parsesPlainAndPreReleaseVersions() {
        assertThat(ToolVersion.parse("pg_dump (PostgreSQL) 17.2")).contains(new ToolVersion(17, "17.2"));
        assertThat(ToolVersion.parse("pg_dump (PostgreSQL) 18beta1")).contains(new ToolVersion(18, "18beta1"));
        assertThat(ToolVersion.parse("pg_dump (PostgreSQL) 9.6.24")).contains(new ToolVersion(9, "9.6.24"));
    }

    @Test
    void rejectsOutputThatIsNotAVersion() {
        assertThat(ToolVersion.parse("bash: pg_dump: command not found")).isEmpty();
        assertThat(ToolVersion.parse("")).isEmpty();
        assertThat(ToolVersion.parse(null)).isEmpty();
    }

    /** Restricted mode came with the releases of 14 August 2025; 13.21 etc. would run a dump's meta-commands. */
    @Test
    void restrictedModeFromTheAugust2025MinorsOn() {
        assertThat(ToolVersion.parse("psql (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)").orElseThrow().hasRestrictedMode())
            .isTrue();
        assertThat(new ToolVersion(15, "15.14").hasRestrictedMode()).isTrue();
        assertThat(new ToolVersion(15, "15.13").hasRestrictedMode()).isFalse();
        assertThat(new ToolVersion(13, "13.22").hasRestrictedMode()).isTrue();
        assertThat(new ToolVersion(13, "13.21").hasRestrictedMode()).isFalse();
        assertThat(new ToolVersion(14, "14.19").hasRestrictedMode()).isTrue();
        assertThat(new ToolVersion(16, "16.9").hasRestrictedMode()).isFalse();
        assertThat(new ToolVersion(16, "16.10").hasRestrictedMode()).isTrue();
        assertThat(new ToolVersion(17, "17.5").hasRestrictedMode()).isFalse();
        assertThat(new ToolVersion(17, "17.6").hasRestrictedMode()).isTrue();
        assertThat(new ToolVersion(18, "18.0").hasRestrictedMode()).isTrue();
        assertThat(new ToolVersion(12, "12.22").hasRestrictedMode()).isFalse();
        assertThat(new ToolVersion(9, "9.6.24").hasRestrictedMode()).isFalse();
    }

    @Test
    void dumpsOnlyServersNotNewerThanItself() {
        ToolVersion fifteen = new ToolVersion(15, "15.18");
        assertThat(fifteen.canDump(14)).isTrue();
        assertThat(fifteen.canDump(15)).isTrue();
        assertThat(fifteen.canDump(16)).isFalse();
    }
}
