package dev.rollback.cli;

import dev.rollback.core.Confirmer;
import dev.rollback.core.RollbackException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Asks on the controlling terminal ({@code /dev/tty}), so a confirmation works even when stdout
 * is piped into jq. With no terminal (CI, cron, a pipeline) it refuses: an unattended run must say
 * --yes explicitly rather than hang on a prompt nobody sees.
 */
final class TerminalConfirmer implements Confirmer {
    @Override
    public boolean confirm(String command, List<String> destructive, String answer) {
        try (RandomAccessFile tty = new RandomAccessFile("/dev/tty", "rw")) {
            StringBuilder prompt = new StringBuilder("\n" + command + " will:\n");
            destructive.forEach(line -> prompt.append("  - ").append(line).append('\n'));
            prompt.append("Type '").append(answer).append("' to continue: ");
            tty.write(prompt.toString().getBytes(StandardCharsets.UTF_8));
            String typed = tty.readLine();
            return typed != null && typed.trim().equals(answer);
        } catch (FileNotFoundException noTerminal) {
            throw RollbackException.refused(command + " has destructive steps ("
                + String.join("; ", destructive) + ") and there is no terminal to confirm on; "
                + "re-run with --yes to proceed");
        } catch (IOException e) {
            throw RollbackException.refused("could not ask for confirmation: " + e.getMessage() + "; re-run with --yes");
        }
    }

    /** Whether the process has a controlling terminal to ask on. */
    @Override
    public boolean canAsk() {
        try (RandomAccessFile tty = new RandomAccessFile("/dev/tty", "r")) {
            return true;
        } catch (IOException noTerminal) {
            return false;
        }
    }
}
