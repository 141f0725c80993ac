package dev.rollback.bluegreen;

import dev.rollback.core.PrivateFiles;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.images.MissingImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The revision's images for the app services are here (SPEC: nothing starts before the target's
 * images are verified). Missing ones are pulled from their registry before green starts (by the
 * engine, so a failed pull says exit 4 for an unreachable registry, 3 for an image it does not
 * have), or refused in the check with {@code --no-pull}. Images come
 * from compose's resolved configuration of the green file (variables in image tags resolved by
 * compose), read from a scratch copy so the check changes nothing.
 */
final class GreenImagesStep implements Step {
    private final BlueGreenInputs in;
    private final BlueGreenRun run;
    private final GreenStack green;
    private Map<String, String> images = Map.of();
    private List<String> missing = List.of();

    GreenImagesStep(BlueGreenInputs in, BlueGreenRun run, GreenStack green) {
        this.in = in;
        this.run = run;
        this.green = green;
    }

    @Override
    public String id() {
        return "green-images";
    }

    @Override
    public String description() {
        return missing.isEmpty() ? "the revision's images of " + String.join(", ", in.stack().appServices()) + " are here"
            : "pull the revision's images of " + String.join(", ", missing);
    }

    @Override
    public void check(StepContext context) {
        Map<String, String> all = resolvedImages();
        images = new TreeMap<>();
        in.stack().appServices().forEach(service -> {
            if (all.containsKey(service)) {
                images.put(service, all.get(service));
            }
        });
        missing = images.keySet().stream()
            .filter(service -> in.tools().docker().imageId(images.get(service)).isEmpty()).toList();
        context.detail("images", images);
        if (!missing.isEmpty()) {
            context.detail("missing", missing);
            run.plan(missing.stream().map(service -> "docker pull " + images.get(service)).toList(), context);
            if (!in.settings().pull()) {
                throw RollbackException.refused("images of the revision are not here: " + String.join(", ",
                    missing.stream().map(images::get).toList()) + " (--no-pull); pull them first");
            }
        }
    }

    private Map<String, String> resolvedImages() {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("rollback-green-");   // 0700: the JDK's default on POSIX
            Path file = scratch.resolve(run.greenFilePath.getFileName());
            PrivateFiles.write(file, run.greenFile.yaml().getBytes(StandardCharsets.UTF_8));
            return green.compose(file).images();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a scratch copy of the green file", e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    @Override
    public void apply(StepContext context) {
        if (missing.isEmpty()) {
            context.skip("all images are here");
            return;
        }
        new MissingImages(in.tools().docker(), in.settings().pull())
            .pull(missing.stream().map(images::get).distinct().toList(), context);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a scratch directory in the temp dir; the OS cleans it
        }
    }
}
