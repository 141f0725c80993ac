package dev.rollback.migrations;

import dev.rollback.adapters.sql.SqlOperation;
import dev.rollback.adapters.sql.SqlParser;
import dev.rollback.adapters.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads one migration file of the range and classifies each of its statements. */
final class FileAnalysis {
    private final SqlParser parser;
    private final Classifier classifier;

    FileAnalysis(SqlParser parser, Classifier classifier) {
        this.parser = parser;
        this.classifier = classifier;
    }

    FileReport analyze(MigrationFile file) {
        String format = file.format().wire();
        if (file.after().isEmpty()) {
            return new FileReport(file.path(), format, file.change(), List.of(new Finding(0, null, "deleted-file",
                Verdict.REVIEW, "a migration file was deleted: what it did stays in the database", null)), null);
        }
        String content = file.after().get();
        return switch (file.format()) {
            case OTHER -> new FileReport(file.path(), format, file.change(), List.of(new Finding(0, null, "other-format",
                Verdict.REVIEW, "a migration that is not SQL (Rails, Django, Liquibase XML/YAML, code): this tool cannot read it, review by hand", null)), null);
            case LIQUIBASE -> liquibase(file, content);
            default -> new FileReport(file.path(), format, file.change(), statements(content, 1, null), note(file));
        };
    }

    private static String note(MigrationFile file) {
        if (file.before().isEmpty()) {
            return null;
        }
        String how = file.movedFrom() != null ? "renamed from " + file.movedFrom() + " and modified"
            : "modified after it was first committed";
        return how + ": every statement in it was checked, though a migration tool does not re-run an applied file";
    }

    /** Only changesets new in the range: the others ran with the release being rolled back to. */
    private FileReport liquibase(MigrationFile file, String content) {
        Set<String> old = file.before().map(before -> LiquibaseChangelog.changesets(before).stream()
            .map(LiquibaseChangelog.Changeset::id).collect(Collectors.toSet())).orElse(Set.of());
        List<Finding> findings = new ArrayList<>();
        int skipped = 0;
        for (LiquibaseChangelog.Changeset changeset : LiquibaseChangelog.changesets(content)) {
            if (old.contains(changeset.id())) {
                skipped++;
                continue;
            }
            findings.addAll(statements(changeset.body(), changeset.firstLine(), changeset.id()));
        }
        String note = skipped == 0 ? null : skipped + " changeset(s) already in the older commit were not checked again";
        return new FileReport(file.path(), file.format().wire(), file.change(), findings, note);
    }

    private List<Finding> statements(String script, int firstLine, String changeset) {
        List<Finding> findings = new ArrayList<>();
        for (SqlStatement statement : parser.parse(script, firstLine)) {
            for (SqlOperation operation : statement.operations()) {
                Classifier.Judgement judgement = classifier.judge(operation);
                findings.add(new Finding(statement.line(), changeset, kind(operation), judgement.verdict(),
                    judgement.reason(), statement.text()));
            }
        }
        return findings;
    }

    private static String kind(SqlOperation operation) {
        return operation.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
