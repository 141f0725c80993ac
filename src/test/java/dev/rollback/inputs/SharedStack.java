package dev.rollback.inputs;

import dev.rollback.e2e.TestStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real stack (PostgreSQL with named volumes, backend, web) for every test class of this
 * package that asks for a {@link TestStack} parameter: started once, removed when the whole run
 * ends. Starting a stack is the expensive part of these tests; sharing it keeps them to minutes.
 */
final class SharedStack implements ParameterResolver {
    /** Rows in users: enough for a dump of a few hundred KiB, more than the "full disk" tmpfs holds. */
    static final int ROWS = 5000;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
            .getOrComputeIfAbsent("stack", key -> Running.start(), Running.class).stack();
    }

    /** The stack and its directory; closed (compose down -v, directory removed) at the end of the run. */
    record Running(TestStack stack, Path dir) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        static Running start() {
            try {
                Path dir = Files.createTempDirectory("rollback-inputs-");
                return new Running(TestStack.up(dir, "v1", ROWS, true), dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            stack.close();
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
