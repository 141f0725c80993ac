package dev.rollback.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secret values in a command line, so that they can be removed wherever else they show up (a
 * container's log, an inspect document): the value of a secret-looking flag, given as the next
 * argument ({@code --requirepass s3cret}) or after {@code =} ({@code --db-password=s3cret}), of a
 * secret-looking {@code NAME=value}, and the password of a URL ({@code postgres://u:s3cret@db}).
 * An argument that is itself a command line ({@code sh -c "redis-server --requirepass s3cret"}) is
 * read word by word as well. Names are judged by {@link SecretNames}.
 */
public final class SecretArguments {
    private static final Pattern URL_PASSWORD = Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\\s]*:([^@/\\s]+)@");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private SecretArguments() {
    }

    /** Every secret value in {@code arguments}, in order of appearance, each once. */
    public static List<String> values(List<String> arguments) {
        Set<String> values = new LinkedHashSet<>();
        collect(arguments, values);
        for (String argument : arguments) {
            if (WHITESPACE.matcher(argument.strip()).find()) {
                collect(List.of(WHITESPACE.split(argument.strip())), values);
            }
        }
        return new ArrayList<>(values);
    }

    /** The password part of every URL with one in {@code text} ({@code scheme://user:password@host}). */
    public static List<String> urlPasswords(String text) {
        List<String> passwords = new ArrayList<>();
        Matcher url = URL_PASSWORD.matcher(text);
        while (url.find()) {
            passwords.add(url.group(1));
        }
        return passwords;
    }

    private static void collect(List<String> words, Set<String> values) {
        for (int i = 0; i < words.size(); i++) {
            String word = unquoted(words.get(i));
            values.addAll(urlPasswords(word));
            String name = word.replaceFirst("^-+", "");
            int equals = name.indexOf('=');
            if (equals > 0) {
                if (SecretNames.looksSecret(name.substring(0, equals))) {
                    addValue(values, unquoted(name.substring(equals + 1)));
                }
            } else if (word.startsWith("-") && SecretNames.looksSecret(name) && i + 1 < words.size()
                && !words.get(i + 1).startsWith("-")) {
                addValue(values, unquoted(words.get(i + 1)));
            }
        }
    }

    private static void addValue(Set<String> values, String value) {
        if (!value.isEmpty()) {
            values.add(value);
        }
    }

    /** A shell word's surrounding quotes are not part of the value. */
    private static String unquoted(String word) {
        return word.replaceAll("^['\"]+|['\"]+$", "");
    }
}
