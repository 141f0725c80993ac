package dev.rollback.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import org.junit.jupiter.api.Test;

class PgSqlNamesTest {

    @Test
    void quotesNamesSoTheyKeepTheirCaseAndHyphens() {
        assertThat(SqlNames.quoted("database name", "merq_scratch")).isEqualTo("\"merq_scratch\"");
        assertThat(SqlNames.quoted("database name", "merq-old")).isEqualTo("\"merq-old\"");
        assertThat(SqlNames.quoted("database name", "Merq")).isEqualTo("\"Merq\"");
    }

    @Test
    void refusesNamesThatCouldEscapeTheQuotesWithAUsageError() {
        for (String name : new String[] {"x\"; DROP DATABASE merq; --", "merq old", "", "-merq", "1merq", "a".repeat(64)}) {
            assertThatThrownBy(() -> SqlNames.quoted("scratch database", name))
                .as(name)
                .isInstanceOfSatisfying(RollbackException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
                    assertThat(e.getMessage()).startsWith("scratch database: '" + name + "' is not a valid name");
                });
        }
    }
}
