import CZlib

/// Inflates gzip data through zlib, with a cap on the inflated size.
///
/// Handles multi-member files (as `cat a.gz b.gz` makes). A truncated stream,
/// a CRC mismatch or trailing garbage is an error, and so is output beyond
/// `limit` bytes: a gzip bomb fails early instead of exhausting memory.
public enum GzipInflater {
    /// The two magic bytes that start every gzip member.
    public static func hasGzipMagic(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// Why inflating failed.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case truncated
        case corrupt(String)
        case tooLarge(limit: Int)

        public var description: String {
            switch self {
            case .truncated: "gzip data is truncated"
            case .corrupt(let why): "gzip data is corrupt (\(why))"
            case .tooLarge(let limit): "gzip data inflates to more than \(limit) bytes"
            }
        }
    }

    /// Inflates all gzip members in `input`.
    /// - Parameter limit: the most bytes the output may hold.
    public static func inflate(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        let stream = ZStream()
        return try stream.inflateAll(input, limit: limit)
    }
}

/// Owns one `z_stream` and frees it in `deinit`; never leaves this file.
private final class ZStream {
    private var stream = z_stream()
    private var initialised = false

    deinit {
        if initialised { inflateEnd(&stream) }
    }

    func inflateAll(_ input: [UInt8], limit: Int) throws(GzipInflater.Failure) -> [UInt8] {
        guard gleaner_inflate_init_gzip(&stream) == Z_OK else {
            throw .corrupt("zlib could not start")
        }
        initialised = true
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(input.count * 4, 4096)))
        let chunkSize = 64 * 1024
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var failure: GzipInflater.Failure?

        input.withUnsafeBufferPointer { source in
            var consumed = 0
            while consumed < source.count {
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress! + consumed)
                stream.avail_in = UInt32(source.count - consumed)
                var status: Int32 = Z_OK
                repeat {
                    let produced: Int = chunk.withUnsafeMutableBufferPointer { out in
                        stream.next_out = out.baseAddress
                        stream.avail_out = UInt32(chunkSize)
                        status = CZlib.inflate(&stream, Z_NO_FLUSH)
                        return chunkSize - Int(stream.avail_out)
                    }
                    if output.count + produced > limit {
                        failure = .tooLarge(limit: limit)
                        return
                    }
                    output.append(contentsOf: chunk[0..<produced])
                    if status == Z_BUF_ERROR, stream.avail_in == 0 {
                        failure = .truncated
                        return
                    }
                    if status != Z_OK && status != Z_STREAM_END {
                        failure = .corrupt(Self.message(status, stream.msg))
                        return
                    }
                } while status != Z_STREAM_END && (stream.avail_in > 0 || stream.avail_out == 0)
                consumed = source.count - Int(stream.avail_in)
                if status != Z_STREAM_END {
                    failure = .truncated
                    return
                }
                // Another member may follow; gzip allows zero padding at the end.
                if consumed < source.count {
                    if source[consumed...].allSatisfy({ $0 == 0 }) { return }
                    guard source.count - consumed >= 2, source[consumed] == 0x1f,
                        source[consumed + 1] == 0x8b
                    else {
                        failure = .corrupt("trailing bytes after the last member")
                        return
                    }
                    inflateReset(&stream)
                }
            }
        }
        if let failure { throw failure }
        return output
    }

    private static func message(_ status: Int32, _ msg: UnsafeMutablePointer<CChar>?) -> String {
        if let msg { return String(cString: msg) }
        return "zlib status \(status)"
    }
}
