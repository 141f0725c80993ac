package dev.rollback.adapters.sql;

/**
 * What one SQL operation does, as far as a rollback cares. An {@code ALTER TABLE} with several
 * actions gives one operation per action.
 */
public enum SqlKind {
    CREATE_TABLE,
    /** {@code CREATE TABLE ... AS SELECT}: a new table filled from existing data. */
    CREATE_TABLE_AS,
    ADD_COLUMN,
    DROP_TABLE,
    DROP_COLUMN,
    ALTER_COLUMN_TYPE,
    SET_NOT_NULL,
    DROP_NOT_NULL,
    SET_DEFAULT,
    DROP_DEFAULT,
    RENAME_TABLE,
    RENAME_COLUMN,
    /** A constraint or index renamed: the application does not name those. */
    RENAME_OTHER,
    ADD_CONSTRAINT,
    DROP_CONSTRAINT,
    CREATE_INDEX,
    DROP_INDEX,
    /** A new view, sequence, schema, type, function or extension. */
    CREATE_OBJECT,
    /** {@code CREATE OR REPLACE} of a view or function: the old definition is gone. */
    REPLACE_OBJECT,
    /** A view, sequence, schema, type or function dropped. */
    DROP_OBJECT,
    INSERT,
    UPDATE,
    DELETE,
    MERGE,
    TRUNCATE,
    /** A query: reads only. */
    SELECT,
    /** Transaction control, session settings, comments on objects, grants: no schema or data change. */
    NO_CHANGE,
    /** Parsed, but not a kind this tool classifies (e.g. REVOKE, ALTER SEQUENCE). */
    OTHER,
    /** The parser could not read the statement. */
    UNPARSABLE
}
