#ifndef GLEANER_CSQLITE_SHIM_H
#define GLEANER_CSQLITE_SHIM_H
#include <sqlite3.h>

/// `SQLITE_TRANSIENT` is a macro around a cast and is not imported into
/// Swift; binding text or blobs with it makes SQLite copy the bytes.
static inline int gleaner_sqlite3_bind_text_transient(sqlite3_stmt *statement, int index,
                                                       const char *text, int length) {
    return sqlite3_bind_text(statement, index, text, length, SQLITE_TRANSIENT);
}

static inline int gleaner_sqlite3_bind_blob_transient(sqlite3_stmt *statement, int index,
                                                       const void *bytes, int length) {
    return sqlite3_bind_blob(statement, index, bytes, length, SQLITE_TRANSIENT);
}
#endif
