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
