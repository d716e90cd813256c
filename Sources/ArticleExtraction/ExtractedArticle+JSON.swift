extension ExtractedArticle {
    /// The article as one line of the contract's JSON (no trailing newline).
    ///
    /// Keys come in the contract's order; `pretty` indents for reading.
    public func jsonLine(file: String, sha256: String, pretty: Bool = false) -> String {
        var w = JSONWriter(pretty: pretty)
        w.beginObject()
        w.key("file"); w.string(file)
        w.key("sha256"); w.string(sha256)
        w.key("date")
        if let date { w.string(date.description) } else { w.null() }
        w.key("title"); w.string(title)
        w.key("language"); w.string(language)
        w.key("words"); w.integer(words)
        w.key("entities"); w.beginArray()
        for e in entities {
            w.beginObject()
            w.key("name"); w.string(e.name)
            w.key("type"); w.string(e.type.rawValue)
            w.key("mentions"); w.integer(e.mentions)
            w.key("aliases"); w.strings(e.aliases)
            w.endObject()
        }
        w.endArray()
        w.key("quotes"); w.beginArray()
        for q in quotes {
            w.beginObject()
            w.key("text"); w.string(q.text)
            w.key("speaker")
            if let s = q.speaker { w.string(s) } else { w.null() }
            w.endObject()
        }
        w.endArray()
        w.key("dates"); w.beginArray()
        for d in dates {
            w.beginObject()
            w.key("text"); w.string(d.text)
            w.key("value"); w.string(d.value)
            w.endObject()
        }
        w.endArray()
        w.key("amounts"); w.beginArray()
        for a in amounts {
            w.beginObject()
            w.key("text"); w.string(a.text)
            w.key("value"); w.number(a.value)
            w.key("about")
            if let about = a.about { w.string(about) } else { w.null() }
            w.endObject()
        }
        w.endArray()
        w.key("keywords"); w.strings(keywords)
        w.key("summary"); w.string(summary)
        if !flags.isEmpty { w.key("flags"); w.strings(flags) }
        w.endObject()
        return w.output
    }

    /// The contract's line for a file that could not be read or decoded.
    public static func errorLine(file: String, reason: String) -> String {
        var w = JSONWriter(pretty: false)
        w.beginObject()
        w.key("file"); w.string(file)
        w.key("error"); w.string(reason)
        w.endObject()
        return w.output
    }
}
