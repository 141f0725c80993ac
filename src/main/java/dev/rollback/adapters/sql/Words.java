package dev.rollback.adapters.sql;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The leading words of a statement, upper-cased, for the few forms the parser does not cover. */
final class Words {
    private Words() {
    }

    static List<String> of(String statement) {
        return Arrays.stream(statement.strip().split("\\s+")).map(w -> w.toUpperCase(Locale.ROOT)).toList();
    }

    static boolean startWith(String statement, String... words) {
        List<String> leading = of(statement);
        if (leading.size() < words.length) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            if (!leading.get(i).equals(words[i])) {
                return false;
            }
        }
        return true;
    }
}
