import ArticleExtraction

/// Renders digests as JSON: the same facts as the Markdown, for scripts.
public enum JSONRenderer {
    /// The daily digest into `sink`, the articles written as `articles` yields them.
    public static func render(_ digest: DailyDigest, articles: ArticleStream, to sink: inout some DigestSink) throws {
        var w = JSONWriter(pretty: true)
        w.beginObject()
        w.key("day"); w.string(digest.day)
        w.key("by"); w.string(digest.byPublished ? "published" : "ingested")
        w.key("counts"); w.beginObject()
        w.key("stored"); w.integer(digest.counts.stored)
        w.key("duplicates"); w.integer(digest.counts.duplicates)
        w.key("failed"); w.integer(digest.counts.failed)
        w.key("runs"); w.integer(digest.counts.runs)
        w.key("backlog"); if let backlog = digest.backlog { w.integer(backlog) } else { w.null() }
        w.key("articles"); w.integer(digest.byPublished ? digest.counts.stored : digest.articleCount)
        w.key("distinct_articles"); w.integer(digest.distinctArticles)
        w.key("stories"); w.integer(digest.storyCount)
        w.endObject()
        w.key("stories"); w.beginArray()
        for story in digest.stories + digest.moreStories { Self.story(story, into: &w) }
        w.endArray()
        w.key("rising"); w.beginObject()
        w.key("earlier_days"); w.integer(digest.earlierDays)
        w.key("entities"); w.beginArray()
        for entity in digest.rising {
            w.beginObject()
            w.key("name"); w.string(entity.name)
            w.key("type"); w.string(entity.type)
            w.key("today"); w.integer(entity.today)
            w.key("previous_mean"); w.number(entity.previousMean)
            w.key("series"); w.beginArray(); for n in entity.series { w.integer(n) }; w.endArray()
            w.endObject()
        }
        w.endArray(); w.endObject()
        for (key, entities) in [("people", digest.people), ("organizations", digest.organizations), ("places", digest.places)] {
            w.key(key); w.beginArray()
            for entity in entities {
                w.beginObject()
                w.key("name"); w.string(entity.name)
                w.key("mentions"); w.integer(entity.mentions)
                w.key("articles"); w.integer(entity.articles)
                w.key("titles"); w.strings(entity.articleTitles)
                w.endObject()
            }
            w.endArray()
        }
        w.key("first_seen"); w.beginObject()
        w.key("total"); w.integer(digest.firstSeenTotal)
        w.key("entities"); w.beginArray()
        for entity in digest.firstSeen {
            w.beginObject(); w.key("name"); w.string(entity.name); w.key("type"); w.string(entity.type); w.endObject()
        }
        w.endArray(); w.endObject()
        w.key("quotes"); w.beginObject()
        w.key("unattributed"); w.integer(digest.unattributedQuotes)
        w.key("speakers"); w.beginArray()
        for speaker in digest.speakers {
            w.beginObject()
            w.key("speaker"); w.string(speaker.speaker)
            w.key("type"); w.string(speaker.type)
            w.key("total"); w.integer(speaker.total)
            w.key("quotes"); w.beginArray()
            for quote in speaker.quotes {
                w.beginObject(); w.key("text"); w.string(quote.text); w.key("title"); w.string(quote.title); w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray(); w.endObject()
        w.key("timeline"); w.beginArray()
        for entry in digest.timeline {
            w.beginObject()
            w.key("value"); w.string(entry.value)
            w.key("articles"); w.integer(entry.articles)
            w.key("fragment"); w.string(entry.fragment)
            w.key("title"); w.string(entry.title)
            w.endObject()
        }
        w.endArray()
        w.key("figures"); w.beginArray()
        for figure in digest.figures {
            w.beginObject()
            w.key("text"); w.string(figure.text)
            w.key("value"); w.number(figure.value)
            w.key("about"); w.string(figure.about)
            w.key("fragment"); w.string(figure.fragment)
            w.key("title"); w.string(figure.title)
            w.endObject()
        }
        w.endArray()
        w.key("articles"); w.beginArray()
        try sink.write(w.takeOutput())
        try articles.forEach { article in
            w.beginObject()
            w.key("id"); w.integer(Int(article.id))
            w.key("title"); w.string(article.title)
            w.key("published"); w.string(article.published)
            w.key("tag"); w.string(article.tag)
            w.key("file"); w.string(article.sourceFile)
            w.key("summary"); w.string(article.summary)
            w.key("entities"); w.strings(article.topEntities)
            w.key("keywords"); w.strings(article.keywords)
            w.endObject()
            try sink.write(w.takeOutput())
        }
        w.endArray()
        w.key("failed"); failedFiles(digest.failed, into: &w)
        w.endObject()
        try sink.write(w.takeOutput() + "\n")
    }

    /// A run's receipt into `sink`, its files written as `entries` yields them.
    public static func render(_ run: RunDigest, entries: RunEntries, to sink: inout some DigestSink) throws {
        var w = JSONWriter(pretty: true)
        w.beginObject()
        w.key("run"); w.integer(Int(run.runID))
        w.key("mode"); w.string(run.mode)
        w.key("started_at"); w.string(run.startedAt)
        w.key("finished_at"); w.string(run.finishedAt)
        w.key("counts"); w.beginObject()
        w.key("stored"); w.integer(run.counts.stored)
        w.key("duplicates"); w.integer(run.counts.duplicates)
        w.key("failed"); w.integer(run.counts.failed)
        w.key("deferred"); w.integer(run.deferred)
        w.endObject()
        w.key("days"); w.strings(run.days)
        w.key("stored"); w.beginArray()
        try entries.forEach(outcome: "stored") { item in
            w.beginObject()
            w.key("article"); w.integer(Int(item.articleID ?? 0)); w.key("title"); w.string(item.title)
            w.key("file"); w.string(item.path)
            w.endObject()
            try sink.write(w.takeOutput())
        }
        w.endArray()
        w.key("duplicates"); w.beginArray()
        try entries.forEach(outcome: "duplicate") { item in
            w.beginObject(); w.key("file"); w.string(item.path); w.key("reason"); w.string(item.reason); w.endObject()
            try sink.write(w.takeOutput())
        }
        w.endArray()
        w.key("failed"); w.beginArray()
        try entries.forEach(outcome: "failed") { item in
            failedFile(
                FailedFile(path: item.path, stage: item.stage ?? "", reason: item.reason ?? "", movedTo: item.movedTo, seenAt: item.seenAt),
                into: &w)
            try sink.write(w.takeOutput())
        }
        w.endArray()
        w.endObject()
        try sink.write(w.takeOutput() + "\n")
    }

    /// One story as a JSON object (the digest's `stories`, `gleaner stories --json`).
    /// One story; with `members`, also each of its articles (id, file, title, near-duplicate of).
    public static func story(_ story: Story, members: [StoryMember] = [], into w: inout JSONWriter) {
        w.beginObject()
        w.key("id"); w.integer(Int(story.id))
        w.key("title"); w.string(story.title)
        w.key("articles"); w.integer(story.articles)
        w.key("distinct_articles"); w.integer(story.distinctArticles)
        w.key("novelty"); w.number(story.novelty)
        w.key("people"); w.strings(story.people)
        w.key("organizations"); w.strings(story.organizations)
        w.key("places"); w.strings(story.places)
        w.key("quotes"); w.beginArray()
        for quote in story.quotes {
            w.beginObject(); w.key("text"); w.string(quote.text); w.key("speaker"); w.string(quote.speaker); w.endObject()
        }
        w.endArray()
        w.key("dates"); w.strings(story.dates)
        w.key("summary"); w.string(story.summary)
        if !members.isEmpty {
            w.key("members"); w.beginArray()
            for member in members {
                w.beginObject()
                w.key("id"); w.integer(Int(member.id))
                w.key("file"); w.string(member.file)
                w.key("title"); w.string(member.title)
                w.key("near_duplicate_of")
                if let original = member.nearDuplicateOf { w.integer(Int(original)) } else { w.null() }
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
    }

    private static func failedFiles(_ files: [FailedFile], into w: inout JSONWriter) {
        w.beginArray()
        for file in files { failedFile(file, into: &w) }
        w.endArray()
    }

    private static func failedFile(_ file: FailedFile, into w: inout JSONWriter) {
        w.beginObject()
        w.key("file"); w.string(file.path)
        w.key("stage"); w.string(file.stage)
        w.key("reason"); w.string(file.reason)
        w.key("moved_to"); w.string(file.movedTo)
        w.key("seen_at"); w.string(file.seenAt)
        w.endObject()
    }
}
