package dev.rollback.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.sql.JSqlStatements;
import dev.rollback.adapters.sql.SqlOperation;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The strategies document's safe and dangerous lists as rules, on statements read by the real parser. */
class ClassifierTest {
    /** Table sizes as a database would answer: orders is large, users small, anything else absent. */
    private static final TableSizes SIZES = new TableSizes() {
        private final Map<String, Long> rows = Map.of("orders", 5_000_000L, "users", 40L);

        @Override
        public OptionalLong rows(String table) {
            Long count = rows.get(table);
            return count == null ? OptionalLong.empty() : OptionalLong.of(count);
        }

        @Override
        public String unknownBecause() {
            return "table does not exist";
        }
    };

    private final JSqlStatements parser = new JSqlStatements();

    private Classifier.Judgement judge(Classifier classifier, String sql) {
        SqlOperation op = parser.parse(sql, 1).get(0).operations().get(0);
        return classifier.judge(op);
    }

    private Classifier.Judgement judge(String sql) {
        return judge(new Classifier(SIZES, 100_000), sql);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "ALTER TABLE users DROP COLUMN nick | DANGEROUS | drops column users.nick",
        "DROP TABLE users | DANGEROUS | drops table users",
        "ALTER TABLE users ALTER COLUMN age TYPE bigint | DANGEROUS | changes the type of users.age",
        "ALTER TABLE users RENAME COLUMN email TO mail | DANGEROUS | the old code still uses the old name",
        "ALTER TABLE users RENAME TO people | DANGEROUS | renames users",
        "UPDATE users SET email = lower(email) | DANGEROUS | one-way data transform",
        "DELETE FROM users WHERE id > 10 | DANGEROUS | deletes rows of users",
        "TRUNCATE users | DANGEROUS | empties users",
        "ALTER TABLE users ADD COLUMN tier int NOT NULL | DANGEROUS | NOT NULL without a default",
        "ALTER TABLE users ALTER COLUMN tier SET NOT NULL | DANGEROUS | adds NOT NULL to users.tier",
        "CREATE INDEX idx_total ON orders (total) | DANGEROUS | large table",
        "CREATE TABLE audit (id int) | SAFE | a new table audit",
        "ALTER TABLE users ADD COLUMN nick text | SAFE | nullable column users.nick",
        "ALTER TABLE users ADD COLUMN tier int NOT NULL DEFAULT 0 | SAFE | with a default",
        "CREATE INDEX CONCURRENTLY idx_total ON orders (total) | SAFE | CONCURRENTLY",
        "CREATE INDEX idx_email ON users (email) | SAFE | small table (40 rows",
        "INSERT INTO users (email) VALUES ('a@b') | SAFE | adds rows",
        "CREATE INDEX idx_x ON ghosts (x) | REVIEW | size is unknown (table does not exist)",
        "ALTER TABLE users ADD CONSTRAINT u UNIQUE (email) | REVIEW | may violate it",
        "CREATE OR REPLACE VIEW v AS SELECT 1 | REVIEW | the old definition is gone",
        "SELEKT nonsense | REVIEW | unknown, review by hand"})
    void eachKindHasItsVerdictAndAReason(String sql, Verdict verdict, String reason) {
        Classifier.Judgement judgement = judge(sql);

        assertThat(judgement.verdict()).isEqualTo(verdict);
        assertThat(judgement.reason()).contains(reason);
    }

    @Test
    void anythingDoneToATableCreatedEarlierInTheRangeIsSafe() {
        Classifier classifier = new Classifier(SIZES, 100_000);
        judge(classifier, "CREATE TABLE \"Audit\" (id int)");

        assertThat(judge(classifier, "CREATE INDEX i ON \"Audit\" (id)").verdict()).isEqualTo(Verdict.SAFE);
        assertThat(judge(classifier, "ALTER TABLE \"Audit\" DROP COLUMN id").verdict()).isEqualTo(Verdict.SAFE);
        assertThat(judge(classifier, "ALTER TABLE audit DROP COLUMN id").verdict())
            .as("audit is not \"Audit\"").isEqualTo(Verdict.DANGEROUS);
    }

    @Test
    void theThresholdIsConfigurable() {
        assertThat(judge(new Classifier(SIZES, 10), "CREATE INDEX i ON users (email)").verdict())
            .isEqualTo(Verdict.DANGEROUS);
    }

    @Test
    void withoutADatabaseAnIndexIsForReviewAndSaysWhy() {
        Classifier classifier = new Classifier(TableSizes.unknown("no database reachable"), 100_000);

        Classifier.Judgement judgement = judge(classifier, "CREATE INDEX i ON users (email)");

        assertThat(judgement.verdict()).isEqualTo(Verdict.REVIEW);
        assertThat(judgement.reason()).contains("no database reachable").contains("CONCURRENTLY");
    }

    @Test
    void theOverallVerdictIsTheWorstOne() {
        assertThat(Outcome.of(java.util.List.of(Verdict.SAFE, Verdict.REVIEW, Verdict.DANGEROUS)))
            .isEqualTo(Outcome.DATABASE_RESTORE_NEEDED);
        assertThat(Outcome.of(java.util.List.of(Verdict.SAFE, Verdict.REVIEW))).isEqualTo(Outcome.REVIEW);
        assertThat(Outcome.of(java.util.List.of())).isEqualTo(Outcome.CODE_ROLLBACK_ENOUGH);
    }
}
