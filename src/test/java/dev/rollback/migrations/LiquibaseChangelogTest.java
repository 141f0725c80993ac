package dev.rollback.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LiquibaseChangelogTest {
    private static final String CHANGELOG = """
        --liquibase formatted sql

        --changeset alice:1
        CREATE TABLE audit (id int);
        --rollback DROP TABLE audit;

        --changeset bob:2 runOnChange:true
        ALTER TABLE users DROP COLUMN nick;
        --rollback ALTER TABLE users ADD COLUMN nick text;
        """;

    @Test
    void changesetsWithTheirIdsAndFirstBodyLine() {
        List<LiquibaseChangelog.Changeset> changesets = LiquibaseChangelog.changesets(CHANGELOG);

        assertThat(LiquibaseChangelog.isChangelog(CHANGELOG)).isTrue();
        assertThat(changesets).extracting(LiquibaseChangelog.Changeset::id).containsExactly("alice:1", "bob:2");
        assertThat(changesets).extracting(LiquibaseChangelog.Changeset::firstLine).containsExactly(4, 8);
        assertThat(changesets.get(1).body()).contains("DROP COLUMN nick").contains("--rollback");
    }

    @Test
    void aPlainFileIsNoChangelog() {
        assertThat(LiquibaseChangelog.isChangelog("CREATE TABLE t (id int);\n")).isFalse();
    }
}
