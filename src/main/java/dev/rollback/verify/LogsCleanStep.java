package dev.rollback.verify;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Post-rollback verification, check 3: the last N log lines ({@code docker compose logs --tail=50}) hold no error
 * line. After a rollback only the lines since it finished count: the proxy's complaints while a
 * backend was being recreated are the rollback's, not a sign that the result is unhealthy.
 */
final class LogsCleanStep implements Step {
    /**
     * PostgreSQL's answer to a client that connects while it starts or stops: logged as FATAL, yet
     * the server's normal reply, not a fault. Every restart of a database has them as soon as
     * something probes it early: Docker's pg_isready healthcheck, level 4's await-database.
     */
    private static final Pattern DATABASE_LIFECYCLE = Pattern.compile(
        "FATAL:\\s+the database system is (starting up|not yet accepting connections|shutting down)");
    private static final int SHOWN = 5;
    private static final int MAX_LINE = 200;

    private final ServiceContainers containers;
    private final int lines;
    private final List<Pattern> errorPatterns;
    private final Instant since;

    /** @param since only lines logged since then (the end of the last rollback), or null for all */
    LogsCleanStep(ServiceContainers containers, int lines, List<String> errorPatterns, Instant since) {
        this.containers = containers;
        this.lines = lines;
        this.since = since;
        this.errorPatterns = errorPatterns.stream().map(Pattern::compile).collect(Collectors.toList());
    }

    @Override
    public String id() {
        return "logs:" + containers.service();
    }

    @Override
    public String description() {
        return "last " + lines + " log lines of " + containers.service()
            + (since == null ? "" : " since " + since) + " have no error line";
    }

    @Override
    public boolean haltsOnFailure() {
        return false;
    }

    @Override
    public void apply(StepContext context) {
        List<String> matches = new ArrayList<>();
        for (ContainerInfo container : containers.require()) {
            for (String line : containers.docker().logTail(container.id(), lines, since)) {
                if (isErrorLine(line, errorPatterns)) {
                    matches.add(container.name() + ": " + shorten(line));
                }
            }
        }
        context.detail("errorLines", matches.size());
        if (!matches.isEmpty()) {
            context.detail("examples", matches.subList(0, Math.min(SHOWN, matches.size())));
            throw RollbackException.failed(matches.size() + " error line(s) in the last " + lines
                + ", e.g. " + matches.get(matches.size() - 1));
        }
    }

    static boolean isErrorLine(String line, List<Pattern> errorPatterns) {
        return !DATABASE_LIFECYCLE.matcher(line).find() && errorPatterns.stream().anyMatch(p -> p.matcher(line).find());
    }

    private static String shorten(String line) {
        String trimmed = line.strip();
        return trimmed.length() <= MAX_LINE ? trimmed : trimmed.substring(0, MAX_LINE) + "…";
    }
}
