package dev.rollback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.backup.BackupRow;
import dev.rollback.core.Interruption;
import dev.rollback.core.Report;
import dev.rollback.core.RunStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackupsCommandTest {
    /** Volume archives carry the stack's name: a listing of the runbook walkthrough had a 42-character one. */
    @Test
    void aLongNameWidensTheNameColumnSoTheOtherColumnsStayAligned() {
        StringWriter text = new StringWriter();
        PrintWriter sink = new PrintWriter(new StringWriter());
        BackupsCommand command = new BackupsCommand(new AppContext(Map.of(), sink, sink, (c, d, a) -> false,
            Interruption.manual(), CliRunner.unreachable(), Clock.systemUTC()));
        Instant now = Instant.parse("2026-11-21T12:48:22Z");

        command.printResult(new Report("backups", null, RunStatus.SUCCEEDED, false, now, now, 0, List.of(),
            listing(dump("pre_deploy_20261121_124822.sql", null),
                volume("merq-production_uploads_20261121_124820.tar.gz")), null), new PrintWriter(text));

        List<String> lines = text.toString().lines().toList();
        assertThat(lines).hasSize(3);
        int taken = lines.get(0).indexOf("TAKEN");
        assertThat(lines).allSatisfy(line -> assertThat(line.charAt(taken - 1)).isEqualTo(' '))
            .allSatisfy(line -> assertThat(line.substring(taken)).matches("(TAKEN|2026-11-21 12:48:2[02]) .*"));
    }

    @Test
    void eachDumpShowsWhoseDatabaseItIsAsInTheJson() {
        StringWriter text = new StringWriter();
        PrintWriter sink = new PrintWriter(new StringWriter());
        BackupsCommand command = new BackupsCommand(new AppContext(Map.of(), sink, sink, (c, d, a) -> false,
            Interruption.manual(), CliRunner.unreachable(), Clock.systemUTC()));
        Instant now = Instant.parse("2026-11-21T12:48:22Z");
        command.printResult(new Report("backups", null, RunStatus.SUCCEEDED, false, now, now, 0, List.of(),
            listing(dump("merq_20261121_124822.sql", "merq"), dump("shop_20261121_124822.sql", "shop_production"),
                volume("merq_uploads_20261121_124820.tar.gz")), null),
            new PrintWriter(text));

        List<String> lines = text.toString().lines().toList();
        int database = lines.get(0).indexOf("DATABASE");
        assertThat(database).isPositive();
        assertThat(lines.get(1).substring(database)).startsWith("merq            yes");
        assertThat(lines.get(2).substring(database)).startsWith("shop_production yes");
        assertThat(lines.get(3).substring(database)).as("volume archives belong to no database").startsWith("-               yes");
    }

    private static Map<String, Object> listing(BackupRow... rows) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dir", "/backups");
        result.put("backups", List.of(rows));
        return result;
    }

    private static BackupRow dump(String name, String database) {
        return new BackupRow.Dump(new BackupRow.Listed(name, "/backups/" + name, "label", "2026-11-21T12:48:22", 2560L),
            "plain", database, true, null);
    }

    private static BackupRow volume(String name) {
        return new BackupRow.Volume(new BackupRow.Listed(name, "/backups/" + name, "label", "2026-11-21T12:48:20", 90L),
            "volume", true, 2L, 3L, null);
    }
}
