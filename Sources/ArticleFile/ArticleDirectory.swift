#if canImport(Glibc)
    import Glibc
#endif

/// Lists the article files of a directory, as the contract defines them.
public enum ArticleDirectory {
    /// The name in a `readdir(3)` entry. The record is only as long as its
    /// name: `d_name` is read in place up to its NUL, never copied whole
    /// (a copy reads past the end of the last record in the buffer).
    public static func name(of entry: UnsafeMutablePointer<dirent>) -> String {
        let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        return String(cString: (UnsafeRawPointer(entry) + offset).assumingMemoryBound(to: CChar.self))
    }

    /// The bytes of the name in a `readdir(3)` entry, as they are on disk
    /// (a name need not be valid UTF-8), read in place up to its NUL.
    public static func nameBytes(of entry: UnsafeMutablePointer<dirent>) -> [UInt8] {
        let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        let start = (UnsafeRawPointer(entry) + offset).assumingMemoryBound(to: UInt8.self)
        return Array(UnsafeBufferPointer(start: start, count: strlen(UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self))))
    }

    /// A readable form of a name that is not valid UTF-8: its valid parts as
    /// they are, every other byte as `\xNN` ("caf\xe9-news.txt"). Nil for a valid name.
    public static func escapedName(_ bytes: [UInt8]) -> String? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var text = ""
        var i = 0
        while i < bytes.count {
            // The longest valid run of at most four bytes starting here, else one escaped byte.
            var decoded: String?
            var length = 0
            for n in stride(from: min(4, bytes.count - i), through: 1, by: -1) {
                if let s = String(validating: bytes[i..<(i + n)], as: UTF8.self), s.unicodeScalars.count == 1 {
                    decoded = s
                    length = n
                    break
                }
            }
            if let decoded {
                text += decoded
                i += length
            } else {
                let hex = String(bytes[i], radix: 16)
                text += "\\x" + (hex.count == 1 ? "0" + hex : hex)
                i += 1
            }
        }
        return text
    }

    /// Whether `name` is an article file name: ends in `.txt`, `.txt.gz` or
    /// `.gz` and does not start with `.`.
    public static func isArticleName(_ name: String) -> Bool {
        !name.hasPrefix(".") && (name.hasSuffix(".txt") || name.hasSuffix(".gz"))
    }

    /// Whether `path` names a directory (following symlinks, as a user's argument may).
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The article files directly in `directory`, sorted by name (byte order).
    /// - Throws: ``ArticleFileError`` when the directory cannot be read.
    public static func articleFiles(in directory: String) throws(ArticleFileError) -> [String] {
        guard let dir = opendir(directory) else {
            throw ArticleFileError(path: directory, stage: .open, reason: SystemCall.errnoText(errno))
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let entryName = Self.name(of: entry)
            if isArticleName(entryName) { names.append(entryName) }
        }
        names.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return names.map { prefix + $0 }
    }
}
