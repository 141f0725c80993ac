package dev.rollback.core;

import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Optional;

/**
 * A command's result as one record: each component is one key of the report's {@code result}, in
 * declaration order, holding the component's value as it is. The JSON keeps its shape (the same
 * keys, the same values, in the same order) while the code that prints the result reads typed
 * values back instead of casting what a map hands out.
 */
final class ResultRecord {
    private ResultRecord() {
    }

    static void write(Record result, Map<String, Object> into) {
        for (RecordComponent component : result.getClass().getRecordComponents()) {
            try {
                into.put(component.getName(), component.getAccessor().invoke(result));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component + ": " + e, e);
            }
        }
    }

    /**
     * The record back from the keys {@link #write} put; empty when one is missing (the step that
     * writes the result did not run: the run was refused or failed before it).
     */
    static <T extends Record> Optional<T> read(Map<String, Object> from, Class<T> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String key = components[i].getName();
            if (!from.containsKey(key)) {
                return Optional.empty();
            }
            types[i] = components[i].getType();
            values[i] = checked(key, from.get(key), types[i]);
        }
        try {
            return Optional.of(type.getDeclaredConstructor(types).newInstance(values));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName() + ": " + e, e);
        }
    }

    /** A value of another type under the key is a bug in the step that wrote it: say which key. */
    private static Object checked(String key, Object value, Class<?> type) {
        boolean fits = value == null ? !type.isPrimitive() : MethodType.methodType(type).wrap().returnType().isInstance(value);
        if (!fits) {
            throw new IllegalStateException("result " + key + " is " + value + ", not a " + type.getSimpleName());
        }
        return value;
    }
}
