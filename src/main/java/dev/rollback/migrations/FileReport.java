package dev.rollback.migrations;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One migration file changed in the range.
 *
 * @param path   as the repository names it
 * @param format {@code flyway}, {@code liquibase}, {@code plain} or {@code other}
 * @param change {@code added}, {@code modified} or {@code deleted}
 * @param note   what a reader should know about how the file was read, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileReport(String path, String format, String change, List<Finding> statements, String note) {
    public FileReport {
        statements = List.copyOf(statements);
    }
}
