#ifndef GLEANER_CLINUX_SHIM_H
#define GLEANER_CLINUX_SHIM_H
// Only <sys/syscall.h>, which defines numbers and no types: a header that
// declares types here would claim them for this module instead of Glibc's.
#include <sys/syscall.h>

extern long syscall(long number, ...);

/// `renameat2(2)` with `RENAME_NOREPLACE`: moves `from` to `to` only if `to`
/// does not exist, atomically. Glibc declares `renameat2` only under
/// `_GNU_SOURCE`, so the system call is made directly (-100 is `AT_FDCWD`,
/// 1 is `RENAME_NOREPLACE`). Returns 0, or -1 with `errno` set (`EEXIST`
/// when `to` exists; `EINVAL` when the file system cannot do it).
static inline int gleaner_rename_noreplace(const char *from, const char *to) {
    return (int)syscall(SYS_renameat2, -100, from, -100, to, 1);
}
/// The `f_type` of `statfs(2)` for `path` (`NFS_SUPER_MAGIC`, ...), or -1.
/// The system call fills a `struct statfs` whose first member is `f_type` on
/// 64-bit Linux; the buffer is larger than the struct.
static inline long gleaner_filesystem_type(const char *path) {
    long buffer[64];
    if (syscall(SYS_statfs, path, buffer) != 0) return -1;
    return buffer[0];
}
/// `malloc_trim(3)`: gives the heap's free pages back to the system. Declared
/// here rather than by including <malloc.h>, which declares types (see above).
extern int malloc_trim(unsigned long pad);
static inline void gleaner_release_free_memory(void) { malloc_trim(0); }
#endif
