package dev.rollback.cli;

import dev.rollback.core.Report;

/**
 * A command that runs to one report without printing it, so another command can run it in-process
 * and nest its report: {@code plan --execute} runs what it recommends, {@code watch} the rollback
 * it triggers and then {@code verify}.
 */
interface ReportCommand {
    Report report(Session session);
}
