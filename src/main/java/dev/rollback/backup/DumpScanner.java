package dev.rollback.backup;

import dev.rollback.adapters.postgres.LinesToSkip;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a plain SQL dump the way psql will, before psql ever sees it: a backup is untrusted input.
 *
 * <p>psql runs a backslash as a meta-command ({@code \!} runs a shell command, {@code \connect}
 * leaves the scratch database, {@code \o} writes files, {@code \copy ... program} runs a program)
 * wherever its lexer is outside a string literal ({@code '...'}, {@code E'...'} with backslash
 * escapes), a quoted identifier, a dollar quote, a comment, or the data of a
 * {@code COPY ... FROM stdin}, which runs up to a line reading {@code \.}. This class follows those
 * same states byte by byte, in one streaming pass, and refuses every meta-command but pg_dump's own
 * {@code \restrict KEY} and its closing line and, in a {@code --create} dump, the
 * {@code \connect} to the database the dump itself creates.
 *
 * <p>It also finds what must not reach the scratch database: statements about a whole database
 * ({@code CREATE/DROP/ALTER DATABASE}, {@code COMMENT ON DATABASE}, grants on it: they would name
 * the live database) and the object drops {@code --clean} writes before anything was created (they
 * fail on an empty database). Those lines go in {@link #linesToSkip()}; such a statement must own
 * its lines, or the dump is refused. Statements about the whole server (roles, tablespaces) and
 * {@code COPY ... PROGRAM} are refused: pg_dump writes none of them.
 *
 * <p>psql reads backslashes in {@code '...'} according to {@code standard_conforming_strings}; a
 * dump that changes it other than with pg_dump's own {@code SET standard_conforming_strings = on}
 * is refused, so this scan and psql cannot disagree about where a string ends.
 */
final class DumpScanner {
    /** Why a dump is refused; the message starts with the file name and the line. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static final int NORMAL = 0;
    private static final int LINE_COMMENT = 1;
    private static final int BLOCK_COMMENT = 2;
    private static final int STRING = 3;
    private static final int ESCAPE_STRING = 4;
    private static final int QUOTED_IDENTIFIER = 5;
    private static final int DOLLAR_TAG = 6;
    private static final int DOLLAR_QUOTE = 7;
    private static final int META_COMMAND = 8;
    private static final int COPY_DATA = 9;

    private static final int RAW_LIMIT = 512;
    private static final int WORDS_KEPT = 8;
    private static final int META_LIMIT = 4096;
    private static final byte[] STD_STRINGS = "standard_conforming_strings".getBytes(StandardCharsets.US_ASCII);
    private static final int[] STD_STRINGS_FALLBACK = fallback(STD_STRINGS);
    private static final Pattern KEY_LINE = Pattern.compile("\\\\(?:un)?restrict [A-Za-z0-9]+\\s*");
    private static final Pattern CONNECT = Pattern.compile("\\\\(?:connect|c)\\s+(?:-reuse-previous=on\\s+"
        + "\"dbname='([^'\"\\\\\\s]+)'\"|\"([^\"\\\\]+)\"|([^\\s\"'\\\\-][^\\s\"'\\\\]*))\\s*");
    private static final Pattern COPY_TABLE = Pattern.compile("^COPY\\s+([^\\s(]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern COPY_QUERY = Pattern.compile("^COPY\\s*\\(", Pattern.CASE_INSENSITIVE);
    private static final Pattern STD_STRINGS_ON = Pattern.compile("set\\s+standard_conforming_strings\\s*(=|to)\\s*on\\s*;");

    private final String fileName;
    private final List<String> tables = new ArrayList<>();
    private final LinesToSkip linesToSkip = new LinesToSkip();

    private int state = NORMAL;
    private long line = 1;
    private int parenDepth;
    private int commentDepth;
    private byte commentPrev;
    private boolean escaped;
    private byte pendingPunctuation;
    private long pendingLine;
    private int identifierLength;
    private byte lastByte;
    private final StringBuilder dollarTag = new StringBuilder();
    private byte[] dollarClose;
    private int dollarMatched;
    private final byte[] meta = new byte[META_LIMIT];
    private int metaLength;
    private long metaLine;
    private int copyEndMatch;
    private boolean copyPending;
    private int stdStringsMatched;

    private boolean started;
    private long startLine;
    private final StringBuilder raw = new StringBuilder();
    private final List<String> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private String previousWord = "";
    private boolean copyFromStdin;
    private boolean programWord;
    private boolean dropWord;
    private boolean touchesStdStrings;

    private long lastStatementEnd;
    private long lastSkipEnd;
    private boolean bodyStarted;
    private boolean clean;
    private String createdDatabase;

    DumpScanner(String fileName) {
        this.fileName = fileName;
    }

    String fileName() {
        return fileName;
    }

    /** What a dump read through to its end without a refusal holds. */
    Inspection inspection(BackupFormat format) {
        return new Inspection(format, true, null, tables, false, linesToSkip, createdDatabase, clean);
    }

    /** The tables a {@code COPY ... FROM stdin} fills, in the dump's order. */
    List<String> tables() {
        return tables;
    }

    LinesToSkip linesToSkip() {
        return linesToSkip;
    }

    /** The database a {@code pg_dump --create} dump creates, or null. */
    String createdDatabase() {
        return createdDatabase;
    }

    /** The line the next byte fed belongs to (1-based): every line before it was judged. */
    long line() {
        return line;
    }

    /**
     * At the end of the file: why the dump is cut short though its completion marker may be there,
     * when it ends inside COPY data (psql would end the COPY there and read on), else null.
     * pg_dump closes every COPY with a {@code \.} line.
     */
    String unfinishedCopy() {
        return state == COPY_DATA || copyPending ? fileName + ": the dump ends inside the data of a COPY (no \\. line"
            + " closes it); it is truncated or edited" : null;
    }

    /** At the end of the file: the statement psql would still run at the end of its input, unjudged; else null. */
    String unfinishedStatement() {
        return started ? fileName + " line " + startLine + ": the dump ends inside a statement; it is truncated or edited"
            : null;
    }

    /**
     * The first line of the statement read so far when it has not ended yet, else 0. Until it ends
     * it may still turn out to be one of the {@link #linesToSkip()}, so its lines must not reach psql.
     */
    long openStatementLine() {
        return started ? startLine : 0;
    }

    /** Whether the dump drops objects before creating them ({@code pg_dump --clean}). */
    boolean clean() {
        return clean;
    }

    /** Feeds the next bytes of the dump; throws {@link Refused} at the first thing psql must not run. */
    void feed(byte[] buffer, int length) {
        feed(buffer, 0, length);
    }

    /** As {@link #feed(byte[], int)}, the bytes at {@code buffer[offset .. offset + length)}. */
    void feed(byte[] buffer, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = buffer[i];
            if (state == COPY_DATA) {
                i = copyData(buffer, i, end);
                continue;
            }
            if (b == '\n') {
                newline();
                continue;
            }
            switch (state) {
                case NORMAL -> normal(b);
                case LINE_COMMENT -> { }
                case BLOCK_COMMENT -> blockComment(b);
                case STRING -> string(b);
                case ESCAPE_STRING -> escapeString(b);
                case QUOTED_IDENTIFIER -> quotedIdentifier(b);
                case DOLLAR_TAG -> dollarTag(b);
                case DOLLAR_QUOTE -> dollarQuote(b);
                case META_COMMAND -> metaByte(b);
                default -> throw new IllegalStateException("state " + state);
            }
        }
    }

    /** The end of the file: a meta-command on the last line without a newline is judged too. */
    void finish() {
        if (state == META_COMMAND) {
            metaCommand();
        }
    }

    /** COPY data runs to a line reading exactly {@code \.}; nothing in it is lexed. Returns the last index used. */
    private int copyData(byte[] buffer, int from, int limit) {
        int i = from;
        while (i < limit) {
            byte b = buffer[i];
            if (b == '\n') {
                boolean end = copyEndMatch == 2 || copyEndMatch == 3;
                line++;
                copyEndMatch = 0;
                if (end) {
                    state = NORMAL;
                    return i;
                }
            } else if (copyEndMatch == 0) {
                copyEndMatch = b == '\\' ? 1 : -1;
            } else if (copyEndMatch == 1) {
                copyEndMatch = b == '.' ? 2 : -1;
            } else if (copyEndMatch == 2) {
                copyEndMatch = b == '\r' ? 3 : -1;
            } else if (copyEndMatch == 3) {
                copyEndMatch = -1;
            } else {
                // the rest of a data line: only its end matters
                while (i + 1 < limit && buffer[i + 1] != '\n') {
                    i++;
                }
            }
            i++;
        }
        return limit - 1;
    }

    private void newline() {
        switch (state) {
            case NORMAL -> {
                flushPunctuation();
                endWord();
                stdStringsMatched = 0;
                if (started) {
                    rawByte((byte) '\n');
                }
            }
            case LINE_COMMENT -> state = NORMAL;
            case META_COMMAND -> {
                metaCommand();
                state = NORMAL;
            }
            case DOLLAR_TAG -> {
                state = NORMAL;
                identifierLength = 0;
                rawByte((byte) '\n');
            }
            case BLOCK_COMMENT -> commentPrev = '\n';
            default -> {
                rawByte((byte) '\n');
                stdStrings((byte) '\n');
                escaped = false;
                dollarMatched = 0;
            }
        }
        line++;
        if (state == NORMAL && copyPending) {
            copyPending = false;
            state = COPY_DATA;
            copyEndMatch = 0;
        }
    }

    private void normal(byte b) {
        if (pendingPunctuation != 0) {
            byte first = pendingPunctuation;
            pendingPunctuation = 0;
            if (first == '-' && b == '-') {
                state = LINE_COMMENT;
                return;
            }
            if (first == '/' && b == '*') {
                state = BLOCK_COMMENT;
                commentDepth = 1;
                commentPrev = 0;
                return;
            }
            startStatement(pendingLine);
            rawByte(first);
        }
        if (copyPending && !whitespace(b)) {
            throw refused(line, "text after COPY ... FROM stdin on the same line; pg_dump never writes that");
        }
        if (identifierByte(b) && !(b == '$' && identifierLength == 0)) {
            startStatement(line);
            rawByte(b);
            stdStrings(b);
            if (word.length() < 64) {
                word.append((char) (b & 0xff));
            }
            identifierLength++;
            lastByte = b;
            return;
        }
        boolean escapeStringStart = b == '\'' && identifierLength == 1 && (lastByte == 'E' || lastByte == 'e');
        endWord();
        stdStringsMatched = 0;
        lastByte = b;
        switch (b) {
            case ' ', '\t', '\r', '\f' -> {
                if (started) {
                    rawByte(b);
                }
            }
            case '-', '/' -> {
                pendingPunctuation = b;
                pendingLine = line;
            }
            case '\\' -> {
                state = META_COMMAND;
                metaLength = 0;
                metaLine = line;
                metaByte(b);
            }
            case ';' -> {
                if (parenDepth == 0) {
                    if (started) {
                        rawByte(b);
                        endStatement();
                    }
                } else {
                    rawByte(b);
                }
            }
            default -> {
                startStatement(line);
                rawByte(b);
                switch (b) {
                    case '\'' -> state = escapeStringStart ? ESCAPE_STRING : STRING;
                    case '"' -> state = QUOTED_IDENTIFIER;
                    case '$' -> {
                        state = DOLLAR_TAG;
                        dollarTag.setLength(0);
                    }
                    case '(' -> parenDepth++;
                    case ')' -> parenDepth = Math.max(0, parenDepth - 1);
                    default -> { }
                }
                if (b == '"') {
                    word.append('"');
                }
            }
        }
    }

    private void flushPunctuation() {
        if (pendingPunctuation != 0) {
            startStatement(pendingLine);
            rawByte(pendingPunctuation);
            pendingPunctuation = 0;
        }
    }

    private void blockComment(byte b) {
        if (commentPrev == '*' && b == '/') {
            commentDepth--;
            commentPrev = 0;
            if (commentDepth == 0) {
                state = NORMAL;
            }
            return;
        }
        if (commentPrev == '/' && b == '*') {
            commentDepth++;
            commentPrev = 0;
            return;
        }
        commentPrev = b;
    }

    private void string(byte b) {
        rawByte(b);
        stdStrings(b);
        if (b == '\'') {
            state = NORMAL;
            identifierLength = 0;
        }
    }

    private void escapeString(byte b) {
        rawByte(b);
        stdStrings(b);
        if (escaped) {
            escaped = false;
        } else if (b == '\\') {
            escaped = true;
        } else if (b == '\'') {
            state = NORMAL;
            identifierLength = 0;
        }
    }

    private void quotedIdentifier(byte b) {
        rawByte(b);
        stdStrings(b);
        if (word.length() < 64) {
            word.append((char) (b & 0xff));
        }
        if (b == '"') {
            state = NORMAL;
            identifierLength = 0;
            endWord();
        }
    }

    /** After a {@code $}: a dollar quote opens at the next {@code $} if only tag characters come between. */
    private void dollarTag(byte b) {
        if (b == '$') {
            rawByte(b);
            dollarClose = ("$" + dollarTag + "$").getBytes(StandardCharsets.ISO_8859_1);
            dollarMatched = 0;
            state = DOLLAR_QUOTE;
            return;
        }
        boolean tagByte = dollarTag.isEmpty() ? identifierStart(b) : identifierByte(b) && b != '$';
        if (tagByte) {
            rawByte(b);
            dollarTag.append((char) (b & 0xff));
            return;
        }
        // "$1" or "$abc+": not a dollar quote; psql reads on in its normal state.
        state = NORMAL;
        identifierLength = 0;
        normal(b);
    }

    private void dollarQuote(byte b) {
        rawByte(b);
        stdStrings(b);
        if (b == dollarClose[dollarMatched]) {
            dollarMatched++;
            if (dollarMatched == dollarClose.length) {
                state = NORMAL;
                identifierLength = 0;
            }
        } else {
            dollarMatched = b == '$' ? 1 : 0;
        }
    }

    private void metaByte(byte b) {
        if (metaLength < META_LIMIT) {
            meta[metaLength++] = b;
        }
    }

    /** A whole meta-command line: only pg_dump's own are let through, and they never reach psql. */
    private void metaCommand() {
        String text = new String(meta, 0, metaLength, StandardCharsets.UTF_8).stripTrailing();
        String command = commandName(text);
        if (started) {
            throw refused(metaLine, "psql meta-command " + command + " inside a statement is not allowed in a dump;"
                + " " + NOT_PG_DUMP);
        }
        if (KEY_LINE.matcher(text).matches()) {
            skip(metaLine, metaLine);
            return;
        }
        Matcher connect = CONNECT.matcher(text);
        if (connect.matches()) {
            String target = connect.group(1) != null ? connect.group(1)
                : connect.group(2) != null ? connect.group(2) : connect.group(3).toLowerCase(Locale.ROOT);
            if (target.equals(createdDatabase)) {
                skip(metaLine, metaLine);
                return;
            }
            throw refused(metaLine, "psql meta-command " + command + " to database " + target + " is not allowed in"
                + " a dump (only the database a pg_dump --create dump creates itself, which is skipped); " + NOT_PG_DUMP);
        }
        throw refused(metaLine, "psql meta-command " + command + " is not allowed in a dump; " + NOT_PG_DUMP);
    }

    private static final String NOT_PG_DUMP = "pg_dump writes none but \\restrict and \\unrestrict, so this file was"
        + " edited or is not a pg_dump dump; nothing was changed";

    private static String commandName(String text) {
        int end = 1;
        while (end < text.length() && end < 20 && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return text.substring(0, end).replaceAll("[^\\x21-\\x7e]", "?");
    }

    private void startStatement(long at) {
        if (!started) {
            started = true;
            startLine = at;
            raw.setLength(0);
            words.clear();
            previousWord = "";
            copyFromStdin = false;
            programWord = false;
            dropWord = false;
            touchesStdStrings = false;
            if (lastSkipEnd == at) {
                throw refused(at, "a statement shares a line with one that cannot run on a scratch copy"
                    + " (a database-level statement or a --clean drop); pg_dump writes each on its own lines");
            }
        }
    }

    private void rawByte(byte b) {
        if (raw.length() < RAW_LIMIT) {
            raw.append((char) (b & 0xff));
        }
    }

    private void endWord() {
        if (identifierLength == 0 && (word.isEmpty() || word.charAt(0) != '"')) {
            word.setLength(0);
            return;
        }
        identifierLength = 0;
        String text = word.charAt(0) == '"' ? word.toString() : word.toString().toUpperCase(Locale.ROOT);
        word.setLength(0);
        if (words.size() < WORDS_KEPT) {
            words.add(text);
        }
        if (parenDepth == 0) {
            copyFromStdin |= "STDIN".equals(text) && "FROM".equals(previousWord);
            programWord |= "PROGRAM".equals(text);
            dropWord |= "DROP".equals(text);
        }
        previousWord = text;
    }

    /** A KMP match of "standard_conforming_strings", case-insensitive, in statement text. */
    private void stdStrings(byte b) {
        byte lower = (byte) (b >= 'A' && b <= 'Z' ? b | 0x20 : b);
        while (stdStringsMatched > 0 && STD_STRINGS[stdStringsMatched] != lower) {
            stdStringsMatched = STD_STRINGS_FALLBACK[stdStringsMatched - 1];
        }
        if (STD_STRINGS[stdStringsMatched] == lower) {
            stdStringsMatched++;
        }
        if (stdStringsMatched == STD_STRINGS.length) {
            touchesStdStrings = true;
            stdStringsMatched = STD_STRINGS_FALLBACK[stdStringsMatched - 1];
        }
    }

    private static int[] fallback(byte[] pattern) {
        int[] table = new int[pattern.length];
        for (int i = 1, k = 0; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = table[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            table[i] = k;
        }
        return table;
    }

    private void endStatement() {
        started = false;
        long first = startLine;
        String keyword = words.isEmpty() ? "" : words.get(0);
        if (touchesStdStrings && !STD_STRINGS_ON.matcher(raw.toString().toLowerCase(Locale.ROOT)).matches()) {
            throw refused(first, "the dump changes standard_conforming_strings, which changes how psql reads"
                + " backslashes; pg_dump only writes SET standard_conforming_strings = on; nothing was changed");
        }
        if ("COPY".equals(keyword)) {
            copyStatement(first);
        } else if (serverWide()) {
            throw refused(first, String.join(" ", words.subList(0, 2)) + " changes the whole server, not one"
                + " database; pg_dump never writes it; nothing was changed");
        } else if (databaseLevel()) {
            if ("CREATE".equals(keyword)) {
                createdDatabase = unquote(words.get(2));
            }
            clean |= "DROP".equals(keyword);
            skipStatement(first);
        } else if (!bodyStarted && ("DROP".equals(keyword) || "ALTER".equals(keyword) && dropWord)) {
            clean = true;
            skipStatement(first);
        } else if (!bodyStarted && !List.of("SET", "RESET", "SELECT").contains(keyword)) {
            bodyStarted = true;
        }
        lastStatementEnd = line;
    }

    private void copyStatement(long first) {
        if (words.size() > 1 && programWord) {
            throw refused(first, "COPY ... PROGRAM runs a command on the database server; pg_dump never writes it;"
                + " nothing was changed");
        }
        bodyStarted = true;
        if (copyFromStdin && !COPY_QUERY.matcher(raw).find()) {
            copyPending = true;
            Matcher table = COPY_TABLE.matcher(raw);
            if (table.find()) {
                tables.add(table.group(1));
            }
        }
    }

    private boolean serverWide() {
        if (words.size() < 2) {
            return false;
        }
        String verb = words.get(0);
        String object = words.get(1);
        boolean ddl = List.of("CREATE", "ALTER", "DROP").contains(verb);
        boolean userMapping = words.size() > 2 && "MAPPING".equals(words.get(2));
        return ddl && List.of("ROLE", "USER", "GROUP", "TABLESPACE").contains(object) && !userMapping
            || "ALTER".equals(verb) && "SYSTEM".equals(object);
    }

    /** CREATE/DROP/ALTER DATABASE, COMMENT ON DATABASE, GRANT/REVOKE/SECURITY LABEL ... ON DATABASE. */
    private boolean databaseLevel() {
        if (words.size() < 2) {
            return false;
        }
        String verb = words.get(0);
        if (List.of("CREATE", "DROP", "ALTER").contains(verb)) {
            return "DATABASE".equals(words.get(1)) && words.size() > 2;
        }
        if (List.of("COMMENT", "GRANT", "REVOKE", "SECURITY").contains(verb)) {
            for (int i = 1; i + 1 < words.size(); i++) {
                if ("ON".equals(words.get(i)) && "DATABASE".equals(words.get(i + 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    private void skipStatement(long first) {
        if (first == lastStatementEnd) {
            throw refused(first, "a statement that cannot run on a scratch copy (" + String.join(" ",
                words.subList(0, Math.min(2, words.size()))) + ") shares a line with another; pg_dump writes each on its"
                + " own lines");
        }
        skip(first, line);
    }

    private void skip(long first, long last) {
        linesToSkip.add(first, last);
        lastSkipEnd = last;
    }

    private static String unquote(String name) {
        return name.startsWith("\"") && name.endsWith("\"") && name.length() > 1
            ? name.substring(1, name.length() - 1) : name.toLowerCase(Locale.ROOT);
    }

    private Refused refused(long at, String why) {
        return new Refused(fileName + " line " + at + ": " + why);
    }

    private static boolean whitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\f';
    }

    /** psql's ident_start: letters, underscore, any byte of a multibyte character. */
    private static boolean identifierStart(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_' || b < 0;
    }

    /** psql's ident_cont: also digits and {@code $}. */
    private static boolean identifierByte(byte b) {
        return identifierStart(b) || b >= '0' && b <= '9' || b == '$';
    }
}
