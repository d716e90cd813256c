#if canImport(Glibc)
    import Glibc
#endif

/// Lists the article files of a directory, as the contract defines them.
public enum ArticleDirectory {
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
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if isArticleName(name) { names.append(name) }
        }
        names.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return names.map { prefix + $0 }
    }
}
