package dev.rollback.adapters.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PostgreSQL script into statements at the semicolons that end them: not inside a
 * string ({@code '...'}, {@code E'...'}), a quoted identifier, a dollar-quoted body
 * ({@code $$...$$}, {@code $fn$...$fn$}) or a comment. Comments ({@code --} to the end of the
 * line, nested {@code /* *}{@code /}) are blanked out, newlines kept, so a Liquibase
 * {@code --rollback} line never becomes a statement. This is a lexer, not a classifier: what a
 * statement does is for the parser to say.
 */
final class ScriptSplitter {
    /** A statement's text (comments blanked) and the line it starts on. */
    record Chunk(int line, String text) {
    }

    private final String script;
    private final List<Chunk> chunks = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private int line;
    private int startLine = -1;
    private int pos;

    private ScriptSplitter(String script, int firstLine) {
        this.script = script;
        this.line = firstLine;
    }

    static List<Chunk> split(String script, int firstLine) {
        ScriptSplitter splitter = new ScriptSplitter(script, firstLine);
        splitter.run();
        return splitter.chunks;
    }

    private void run() {
        while (pos < script.length()) {
            char c = script.charAt(pos);
            if (c == '-' && peek(1) == '-') {
                lineComment();
            } else if (c == '/' && peek(1) == '*') {
                blockComment();
            } else if (c == '\'') {
                quoted('\'', isEscapeString());
            } else if (c == '"') {
                quoted('"', false);
            } else if (c == '$' && dollarTag() != null) {
                dollarQuoted(dollarTag());
            } else if (c == ';') {
                pos++;
                finish();
            } else {
                take(c);
            }
        }
        finish();
    }

    private char peek(int ahead) {
        int at = pos + ahead;
        return at < script.length() ? script.charAt(at) : '\0';
    }

    private void take(char c) {
        if (c == '\n') {
            line++;
        } else if (startLine < 0 && !Character.isWhitespace(c)) {
            startLine = line;
        }
        current.append(c);
        pos++;
    }

    /** Comments become blanks (newlines kept), so statement text and line numbers stay aligned. */
    private void blank(char c) {
        if (c == '\n') {
            line++;
        }
        current.append(c == '\n' ? '\n' : ' ');
        pos++;
    }

    private void lineComment() {
        while (pos < script.length() && script.charAt(pos) != '\n') {
            blank(script.charAt(pos));
        }
    }

    private void blockComment() {
        int depth = 0;
        while (pos < script.length()) {
            if (script.charAt(pos) == '/' && peek(1) == '*') {
                depth++;
                blank('/');
                blank('*');
            } else if (script.charAt(pos) == '*' && peek(1) == '/') {
                depth--;
                blank('*');
                blank('/');
                if (depth == 0) {
                    return;
                }
            } else {
                blank(script.charAt(pos));
            }
        }
    }

    /** {@code E'...'}: the one string form where a backslash escapes the next character. */
    private boolean isEscapeString() {
        if (pos == 0 || Character.toUpperCase(script.charAt(pos - 1)) != 'E') {
            return false;
        }
        return pos < 2 || !Character.isLetterOrDigit(script.charAt(pos - 2)) && script.charAt(pos - 2) != '_';
    }

    private void quoted(char quote, boolean backslashEscapes) {
        take(quote);
        while (pos < script.length()) {
            char c = script.charAt(pos);
            if (backslashEscapes && c == '\\' && pos + 1 < script.length()) {
                take(c);
                take(script.charAt(pos));
            } else if (c == quote && peek(1) == quote) {
                take(c);
                take(c);
            } else if (c == quote) {
                take(c);
                return;
            } else {
                take(c);
            }
        }
    }

    /** The tag of a dollar quote starting here ({@code $$} → "", {@code $body$} → "body"); null for {@code $1}. */
    private String dollarTag() {
        int end = pos + 1;
        while (end < script.length() && (Character.isLetterOrDigit(script.charAt(end)) || script.charAt(end) == '_')) {
            end++;
        }
        if (end >= script.length() || script.charAt(end) != '$') {
            return null;
        }
        String tag = script.substring(pos + 1, end);
        return tag.isEmpty() || !Character.isDigit(tag.charAt(0)) ? tag : null;
    }

    private void dollarQuoted(String tag) {
        String delimiter = "$" + tag + "$";
        for (int i = 0; i < delimiter.length(); i++) {
            take(script.charAt(pos));
        }
        int close = script.indexOf(delimiter, pos);
        int end = close < 0 ? script.length() : close + delimiter.length();
        while (pos < end) {
            take(script.charAt(pos));
        }
    }

    private void finish() {
        String text = current.toString().strip();
        if (!text.isEmpty()) {
            chunks.add(new Chunk(startLine, text));
        }
        current.setLength(0);
        startLine = -1;
    }
}
