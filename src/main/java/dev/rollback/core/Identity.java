package dev.rollback.core;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who runs this and where: recorded in the journal and in the lock. */
public final class Identity {
    private Identity() {
    }

    /** The operator: the sudo caller when run through sudo, else the login user. */
    public static String user() {
        String sudoUser = System.getenv("SUDO_USER");
        return sudoUser != null && !sudoUser.isBlank() ? sudoUser : System.getProperty("user.name");
    }

    /** The host name, read without a DNS lookup when the system offers it. */
    public static String host() {
        try {
            String name = Files.readString(Path.of("/etc/hostname")).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | SecurityException ignored) {
            // fall back to the JDK's answer below
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    public static long pid() {
        return ProcessHandle.current().pid();
    }
}
