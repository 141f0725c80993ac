package dev.rollback.inputs;

import dev.rollback.e2e.TestStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The secrets of the audit, each a unique string that appears nowhere else: the stack's real
 * database password (it must work) and the three API tokens. {@link #find} names the secrets a
 * text holds, so a leak says which secret went where.
 */
final class Sentinels {
    private final Map<String, String> secrets = new LinkedHashMap<>();

    Sentinels() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        secrets.put("DB_PASSWORD", TestStack.PASSWORD);
        secrets.put("GITHUB_TOKEN", "ghp_sentinel" + run + "github");
        secrets.put("DOKPLOY_API_KEY", "dokploy-sentinel-" + run);
        secrets.put("DIGITALOCEAN_TOKEN", "dop_v1_sentinel" + run);
    }

    /** The environment every audited run gets. */
    Map<String, String> environment() {
        return Map.copyOf(secrets);
    }

    /** The variables whose values {@code text} contains. */
    List<String> find(String text) {
        List<String> found = new ArrayList<>();
        secrets.forEach((variable, value) -> {
            if (text.contains(value)) {
                found.add(variable);
            }
        });
        return found;
    }

    /** The first line of {@code text} holding a secret, the secret masked and the line cut short: where it leaked. */
    String firstLineWithSecret(String text) {
        String line = text.lines().filter(l -> !find(l).isEmpty()).findFirst().orElse("");
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            line = line.replace(secret.getValue(), "<" + secret.getKey() + ">");
        }
        return line.length() > 240 ? line.substring(0, 240) + "..." : line;
    }

    /** As {@link #find}, over every file under {@code root} (gzip files read decompressed); {@code path: VARS} per hit. */
    List<String> findInFiles(Path root, java.util.function.Predicate<Path> skip) {
        List<String> hits = new ArrayList<>();
        if (!Files.exists(root)) {
            return hits;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).filter(skip.negate()).toList()) {
                List<String> found = find(read(file));
                if (!found.isEmpty()) {
                    hits.add(root.relativize(file) + ": " + String.join(", ", found));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }

    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            InputStream content = file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            content.transferTo(bytes);
            return bytes.toString(StandardCharsets.ISO_8859_1);   // byte for byte: the sentinels are ASCII
        }
    }
}
