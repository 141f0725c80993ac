package dev.rollback.migrations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Liquibase "formatted SQL" changelog: a first line {@code --liquibase formatted sql}, then
 * changesets each opened by {@code --changeset author:id [attributes]}. A changeset's
 * {@code --rollback} lines are SQL comments and are never read as statements.
 */
final class LiquibaseChangelog {
    private static final String HEADER = "--liquibase formatted sql";
    private static final Pattern CHANGESET = Pattern.compile("^--\\s*changeset\\s+(\\S+?:\\S+)", Pattern.CASE_INSENSITIVE);

    /** One changeset: {@code author:id}, its body and the line its body starts on. */
    record Changeset(String id, String body, int firstLine) {
    }

    private LiquibaseChangelog() {
    }

    static boolean isChangelog(String content) {
        return content.stripLeading().toLowerCase(Locale.ROOT).startsWith(HEADER);
    }

    static List<Changeset> changesets(String content) {
        List<Changeset> changesets = new ArrayList<>();
        String[] lines = content.split("\n", -1);
        String id = null;
        int first = 0;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            Matcher start = CHANGESET.matcher(lines[i].strip());
            if (start.find()) {
                if (id != null) {
                    changesets.add(new Changeset(id, body.toString(), first));
                }
                id = start.group(1);
                first = i + 2;
                body.setLength(0);
            } else if (id != null) {
                body.append(lines[i]).append('\n');
            }
        }
        if (id != null) {
            changesets.add(new Changeset(id, body.toString(), first));
        }
        return changesets;
    }
}
