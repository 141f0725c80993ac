package dev.rollback.inputs;

/** The bad-input catalogue's table: {@code target/bad-input-catalogue.md}, one fragment per test class. */
public final class Catalogue {
    private Catalogue() {
    }

    public static GeneratedTable table(String part) {
        return new GeneratedTable("bad-input-catalogue", "## Bad-input catalogue", part,
            "case", "command line", "exit", "the one line on stderr");
    }
}
