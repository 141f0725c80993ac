package dev.rollback.release;

/** The release being recorded; shared by the steps of one {@code release record}. */
final class RecordDraft {
    Release release;
}
