package dev.rollback.adapters.git;

import java.io.File;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps JGit in the test JVM away from the machine's {@code ~/.gitconfig}, {@code /etc/gitconfig}
 * and {@code GIT_*} identity variables, as the git command line is kept away by {@code GitFixture}:
 * what a test sees then depends on the repositories it built only.
 */
final class IsolatedJGit implements BeforeAllCallback, AfterAllCallback {
    private SystemReader original;

    @Override
    public void beforeAll(ExtensionContext context) {
        original = SystemReader.getInstance();
        SystemReader.setInstance(new SystemReader.Delegate(original) {
            @Override
            public FileBasedConfig openUserConfig(Config parent, FS fs) {
                return empty(parent, fs);
            }

            @Override
            public FileBasedConfig openSystemConfig(Config parent, FS fs) {
                return empty(parent, fs);
            }

            @Override
            public FileBasedConfig openJGitConfig(Config parent, FS fs) {
                return empty(parent, fs);
            }

            @Override
            public String getenv(String variable) {
                return variable.startsWith("GIT_") ? null : super.getenv(variable);
            }
        });
    }

    @Override
    public void afterAll(ExtensionContext context) {
        SystemReader.setInstance(original);
    }

    /** A config backed by a file that does not exist: loads empty, never saved. */
    private static FileBasedConfig empty(Config parent, FS fs) {
        return new FileBasedConfig(parent, new File("/nonexistent/rollback-test/gitconfig"), fs) {
            @Override
            public void load() {
                // nothing to read
            }

            @Override
            public boolean isOutdated() {
                return false;
            }
        };
    }
}
