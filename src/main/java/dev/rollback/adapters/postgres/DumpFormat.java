package dev.rollback.adapters.postgres;

import java.util.Locale;

/** pg_dump output formats and the file extensions this tool gives them. */
public enum DumpFormat {
    PLAIN("p", ".sql"), CUSTOM("c", ".dump"), DIRECTORY("d", ".dir"), TAR("t", ".tar");

    private final String flag;
    private final String extension;

    DumpFormat(String flag, String extension) {
        this.flag = flag;
        this.extension = extension;
    }

    /** The value of pg_dump's {@code --format}. */
    public String flag() {
        return flag;
    }

    public String extension() {
        return extension;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
