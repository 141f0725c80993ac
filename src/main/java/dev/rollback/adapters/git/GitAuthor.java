package dev.rollback.adapters.git;

import dev.rollback.core.RollbackException;

/** Who a commit made by this tool is attributed to (author and committer alike). */
public record GitAuthor(String name, String email) {
    public GitAuthor {
        if (name == null || name.isBlank() || email == null || email.isBlank()) {
            throw RollbackException.usage("a git author needs a name and an email");
        }
        name = name.strip();
        email = email.strip();
        // git's ident format is "Name <email> time zone": these characters would corrupt it.
        if (containsAny(name, "<>\n\r") || containsAny(email, "<>\n\r \t")) {
            throw RollbackException.usage("git author '" + name + " <" + email + ">' contains '<', '>' "
                + "or a line break (or a space in the email)");
        }
    }

    private static boolean containsAny(String text, String characters) {
        return text.chars().anyMatch(c -> characters.indexOf(c) >= 0);
    }

    @Override
    public String toString() {
        return name + " <" + email + ">";
    }
}
