package dev.rollback.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The masking of every text the tool hands to someone else: the incident bundle's last pass (every
 * file, whatever collector wrote it: a container that logs its own password, an error message that
 * echoes a token) and the bodies of webhook posts. Every secret value the tool knows is replaced
 * with {@code <redacted>}. Known values, not patterns: a log line has no key to judge by.
 *
 * <p>Rules: the longest value wins where several match at one place (a token that contains a
 * password is replaced whole); a value is also found as it appears inside a JSON string (quotes and
 * backslashes escaped); values shorter than {@link #MIN_LENGTH} characters are not replaced, since
 * replacing "pg" or "1" everywhere would shred the text while protecting nothing such a value could
 * protect. The text is read once, left to right, so a replacement is never itself rewritten.
 */
public final class Redactor {
    public static final int MIN_LENGTH = 4;

    /** Values by their first character, longest first. */
    private final Map<Character, List<String>> byFirst = new HashMap<>();

    public Redactor(Collection<String> secrets) {
        Set<String> values = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret != null && secret.length() >= MIN_LENGTH) {
                values.add(secret);
                values.add(jsonEscaped(secret));
            }
        }
        for (String value : values) {
            byFirst.computeIfAbsent(value.charAt(0), c -> new ArrayList<>()).add(value);
        }
        byFirst.values().forEach(list -> list.sort(Comparator.comparingInt(String::length).reversed()));
    }

    /** How many distinct values (and escaped forms) are replaced. */
    public int size() {
        return byFirst.values().stream().mapToInt(List::size).sum();
    }

    public String redact(String text) {
        if (byFirst.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            String match = longestAt(text, i);
            if (match != null) {
                out.append(SecretNames.REDACTED);
                i += match.length();
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    private String longestAt(String text, int at) {
        List<String> candidates = byFirst.get(text.charAt(at));
        if (candidates != null) {
            for (String candidate : candidates) {
                if (text.startsWith(candidate, at)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static String jsonEscaped(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
