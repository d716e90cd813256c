#ifndef GLEANER_CZLIB_SHIM_H
#define GLEANER_CZLIB_SHIM_H
#include <zlib.h>

/// `inflateInit2` is a macro and is not imported into Swift; this wraps it.
/// `windowBits` 16 + MAX_WBITS asks zlib for the gzip wrapper.
static inline int gleaner_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 16 + MAX_WBITS);
}
#endif
