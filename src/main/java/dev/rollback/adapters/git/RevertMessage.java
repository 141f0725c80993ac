package dev.rollback.adapters.git;

import java.util.regex.Pattern;

/**
 * The message {@code git revert --no-edit} writes (git 2.39's sequencer, and JGit's):
 * <pre>
 * Revert "&lt;subject&gt;"
 *
 * This reverts commit &lt;sha&gt;.
 * </pre>
 * and for a merge reverted with {@code -m N}, the second paragraph reads
 * "This reverts commit &lt;sha&gt;, reversing\nchanges made to &lt;parent N&gt;.". Git 2.43 and later
 * write {@code Reapply "…"} instead of {@code Revert "Revert "…""}; this keeps the older form,
 * which is what JGit and most deployed git versions produce.
 */
final class RevertMessage {
    private static final Pattern REVERTS_COMMIT = Pattern.compile("(?m)^This reverts commit [0-9a-f]{40}\\b");

    private RevertMessage() {
    }

    /** The message for reverting {@code sha}; {@code mainlineParent} only when {@code sha} is a merge. */
    static String of(String revertedMessage, String sha, String mainlineParent) {
        StringBuilder message = new StringBuilder("Revert \"").append(subject(revertedMessage)).append("\"\n\n")
            .append("This reverts commit ").append(sha);
        if (mainlineParent != null) {
            message.append(", reversing\nchanges made to ").append(mainlineParent);
        }
        return message.append(".\n").toString();
    }

    /**
     * The subject as git's {@code find_commit_subject} sees it: the first non-blank line. (JGit's
     * {@code getShortMessage} joins the whole first paragraph, which would change the message.)
     */
    static String subject(String message) {
        for (String line : message.split("\n", -1)) {
            if (!line.isBlank()) {
                return line;
            }
        }
        return "";
    }

    /** A commit made by {@code git revert}: its subject is {@code Revert "…"} or it says what it reverts. */
    static boolean isRevert(String message) {
        String subject = subject(message);
        boolean revertSubject = subject.startsWith("Revert \"") && subject.endsWith("\"")
            || subject.startsWith("Reapply \"") && subject.endsWith("\"");
        return revertSubject || REVERTS_COMMIT.matcher(message).find();
    }
}
