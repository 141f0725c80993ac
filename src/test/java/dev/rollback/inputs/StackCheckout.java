package dev.rollback.inputs;

import dev.rollback.e2e.Shell;
import dev.rollback.e2e.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/** Makes the shared stack's directory the git checkout a deploy would be (recreate, revert and check-migrations need one). */
public final class StackCheckout {
    private StackCheckout() {
    }

    /** Once per stack: the compose file committed; the secrets, the state and the backups ignored. */
    public static synchronized void ensure(TestStack stack) throws IOException {
        if (Files.isDirectory(stack.dir.resolve(".git"))) {
            return;
        }
        Files.writeString(stack.dir.resolve(".gitignore"), ".env\nrollback.yml\nbackups/\n.rollback/\nfull-disk/\nelsewhere/\n");
        for (String[] git : List.of(new String[] {"git", "init", "-q", "-b", "main"}, new String[] {"git", "add", "-A"},
            new String[] {"git", "-c", "user.name=ci", "-c", "user.email=ci@example.com", "commit", "-q", "-m", "stack"})) {
            Shell.ok(stack.dir, Map.of(), git);
        }
    }
}
