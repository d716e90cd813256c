/// Splits a cleaned body into tokens with byte offsets into it.
///
/// Works on UTF-8 bytes. Words keep inner apostrophes ("can't", "O'Brien")
/// but a final `'s` is its own token; hyphens are tokens of their own;
/// "U.S."-style acronyms are one word; digits followed by letters ("27c",
/// "1.5bn") are a number then an attached word. Straight double quotes are
/// told open from close by the spaces around them.
enum Tokenizer {
    static func tokenize(_ text: UnsafeBufferPointer<UInt8>) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(text.count / 5 + 8)
        let n = text.count
        var i = 0
        var space = true
        // Whether a straight double quote opened in this paragraph is still open.
        var straightQuoteOpen = false
        while i < n {
            let b = text[i]
            if b == 0x20 || b == 0x09 || b == 0x0D {
                space = true
                i += 1
                continue
            }
            if b == 0x0A {
                straightQuoteOpen = false
                if let last = tokens.last, last.kind != .paragraph {
                    tokens.append(Token(start: Int32(i), end: Int32(i + 1), kind: .paragraph))
                }
                space = true
                i += 1
                continue
            }
            let spaceFlag: UInt8 = space ? Token.spaceBefore : 0
            space = false
            if isASCIILetter(b) || (b >= 0x80 && isLetterScalar(text, i)) {
                var token = word(text, from: i)
                token.flags |= spaceFlag
                i = Int(token.end)
                tokens.append(token)
                if i < n, isApostrophe(text, i), i + apostropheLength(text, i) < n,
                    (text[i + apostropheLength(text, i)] | 0x20) == 0x73
                {
                    let after = i + apostropheLength(text, i) + 1
                    if after >= n || !isWordByte(text, after) {
                        tokens.append(Token(start: Int32(i), end: Int32(after), kind: .possessive))
                        i = after
                    }
                }
                continue
            }
            if b >= 0x30 && b <= 0x39 {
                var j = i + 1
                while j < n {
                    let c = text[j]
                    if c >= 0x30 && c <= 0x39 {
                        j += 1
                    } else if (c == 0x2C || c == 0x2E), j + 1 < n, text[j + 1] >= 0x30, text[j + 1] <= 0x39 {
                        j += 2
                    } else {
                        break
                    }
                }
                var token = Token(start: Int32(i), end: Int32(j), kind: .number, flags: spaceFlag | Token.hasDigit)
                token.key = WordKeys.key(text, i, j)
                tokens.append(token)
                i = j
                continue
            }
            if b >= 0x80 {
                let (length, token) = unicodePunctuation(text, i, spaceBefore: space || spaceFlag != 0)
                var t = token
                t.flags |= spaceFlag
                tokens.append(t)
                i += length
                continue
            }
            var token = Token(start: Int32(i), end: Int32(i + 1), kind: .punctuation, symbol: b, flags: spaceFlag)
            if b == 0x22 {
                token.kind = quoteDirection(text, i, length: 1, spaceBefore: spaceFlag != 0)
                // Space on both sides ('… we have tried everything. " The only parts …'): it closes
                // the quote open in the paragraph, else opens one.
                if spaceFlag != 0, i + 1 >= n || text[i + 1] == 0x20 || text[i + 1] == 0x0A || text[i + 1] == 0x0D {
                    token.kind = straightQuoteOpen ? .closeQuote : .openQuote
                }
                straightQuoteOpen = token.kind == .openQuote
            } else if b == 0x2D {
                let spacedAfter = i + 1 >= n || text[i + 1] == 0x20 || text[i + 1] == 0x0A
                if spaceFlag != 0 && spacedAfter { token.flags |= Token.dash }
                if i + 1 < n, text[i + 1] == 0x2D {  // "--"
                    token.end += 1
                    token.flags |= Token.dash
                }
            }
            tokens.append(token)
            i = Int(token.end)
        }
        return tokens
    }

    @inline(__always) static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    static func isWordByte(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let b = text[i]
        if isASCIILetter(b) || (b >= 0x30 && b <= 0x39) { return true }
        return b >= 0x80 && isLetterScalar(text, i)
    }

    static func isApostrophe(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        text[i] == 0x27 || (text[i] == 0xE2 && i + 2 < text.count && text[i + 1] == 0x80 && text[i + 2] == 0x99)
    }

    static func apostropheLength(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int { text[i] == 0x27 ? 1 : 3 }

    /// Decodes the scalar at `i` (a lead byte) and its length.
    static func scalar(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b = text[i]
        var length = 1
        var value = UInt32(b)
        if b >= 0xF0 {
            length = 4
            value = UInt32(b & 0x07)
        } else if b >= 0xE0 {
            length = 3
            value = UInt32(b & 0x0F)
        } else if b >= 0xC0 {
            length = 2
            value = UInt32(b & 0x1F)
        } else {
            return (0xFFFD, 1)
        }
        guard i + length <= text.count else { return (0xFFFD, 1) }
        for k in 1..<length { value = (value << 6) | UInt32(text[i + k] & 0x3F) }
        return (value, length)
    }

    static func isLetterScalar(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let (value, _) = scalar(text, i)
        guard let s = Unicode.Scalar(value) else { return false }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }

    static func isUppercaseScalar(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let (value, _) = scalar(text, i)
        guard let s = Unicode.Scalar(value) else { return false }
        return s.properties.isUppercase
    }

    /// A word from `start`: letters, digits, inner apostrophes, and the
    /// periods of an acronym such as "U.S." or "U.K.".
    static func word(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Token {
        let n = text.count
        var j = start
        var upper = 0
        var lower = 0
        var digit = false
        // The word's key, as WordKeys.key(text, start, j) computes it, in the same pass.
        var key = WordKeys.offset
        while j < n {
            let c = text[j]
            if isASCIILetter(c) {
                if c < 0x61 { upper += 1 } else { lower += 1 }
                key = WordKeys.mix(key, c | 0x20)
                j += 1
            } else if c >= 0x30 && c <= 0x39 {
                digit = true
                key = WordKeys.mix(key, c)
                j += 1
            } else if c >= 0x80 {
                guard isLetterScalar(text, j) else { break }
                if isUppercaseScalar(text, j) { upper += 1 } else { lower += 1 }
                let length = scalar(text, j).1
                for b in j..<min(n, j + length) { key = WordKeys.mix(key, text[b]) }
                j += length
            } else if isApostrophe(text, j) {
                let after = j + apostropheLength(text, j)
                // Keep "can't", "O'Brien"; leave "'s" and a trailing apostrophe out.
                guard after < n, isWordByte(text, after) else { break }
                if (text[after] | 0x20) == 0x73, after + 1 >= n || !isWordByte(text, after + 1) { break }
                j = after
            } else {
                break
            }
        }
        // "U.S.", "U.K.", "U.S.A.": single capitals joined by periods.
        if j - start == 1, upper == 1, j + 2 < n, text[j] == 0x2E, isASCIILetter(text[j + 1]),
            text[j + 1] < 0x61, text[j + 2] == 0x2E
        {
            var k = j
            while k + 2 < n, text[k] == 0x2E, isASCIILetter(text[k + 1]), text[k + 1] < 0x61,
                k + 2 >= n - 1 || !isWordByte(text, k + 2)
            {
                k += 2
                if text[k] != 0x2E { break }
            }
            if k > j, k < n, text[k] == 0x2E {
                j = k + 1
                upper = 2
                key = WordKeys.key(text, start, j)
            }
        }
        var token = Token(start: Int32(start), end: Int32(j), kind: .word)
        let firstUpper = text[start] < 0x80 ? (text[start] >= 0x41 && text[start] <= 0x5A) : isUppercaseScalar(text, start)
        // "eBay", "iPod": one lower-case letter, then a capital, is a name written as a brand.
        let brandCase = !firstUpper && j - start >= 4 && text[start] >= 0x61 && text[start] <= 0x7A
            && text[start + 1] >= 0x41 && text[start + 1] <= 0x5A && lower >= 2
        if firstUpper || brandCase { token.flags |= Token.capitalized }
        if upper >= 2 && lower == 0 { token.flags |= Token.allCaps }
        if digit { token.flags |= Token.hasDigit }
        token.key = key
        return token
    }

    /// Quotes, dashes and other symbols written as non-ASCII characters.
    static func unicodePunctuation(_ text: UnsafeBufferPointer<UInt8>, _ i: Int, spaceBefore: Bool) -> (Int, Token) {
        let (value, length) = scalar(text, i)
        var token = Token(start: Int32(i), end: Int32(i + length), kind: .punctuation, symbol: 0x2A)
        switch value {
        case 0x201C, 0x201E, 0xAB, 0x201F: token.kind = .openQuote
        case 0x201D, 0xBB: token.kind = .closeQuote
        case 0x2018:
            token.kind = .openQuote
            token.flags |= Token.singleQuote
        case 0x2019:
            token.kind = .closeQuote
            token.flags |= Token.singleQuote
            token.symbol = 0x27
        case 0x2013, 0x2014, 0x2015, 0x2212:
            token.symbol = 0x2D
            token.flags |= Token.dash
        case 0x2026: token.symbol = 0x2E
        case 0x2010, 0x2011: token.symbol = 0x2D
        case 0x20AC, 0xA3, 0xA5: token.symbol = 0x24
        default: break
        }
        // Some feeds write ” for both ends: one after a space and before a word opens.
        if value == 0x201D, spaceBefore, i + length < text.count, isWordByte(text, i + length) {
            token.kind = .openQuote
        }
        return (length, token)
    }

    /// Opening when it follows white space or an opening bracket, closing otherwise.
    static func quoteDirection(_ text: UnsafeBufferPointer<UInt8>, _ i: Int, length: Int, spaceBefore: Bool)
        -> TokenKind
    {
        if i == 0 || spaceBefore { return .openQuote }
        let before = text[i - 1]
        if before == 0x28 || before == 0x5B || before == 0x0A || before == 0x2D { return .openQuote }
        let after = i + length
        if after >= text.count { return .closeQuote }
        let next = text[after]
        if next == 0x20 || next == 0x0A || next == 0x2C || next == 0x2E || next == 0x3B || next == 0x3A
            || next == 0x29 || next == 0x3F || next == 0x21
        {
            return .closeQuote
        }
        return .openQuote
    }
}
