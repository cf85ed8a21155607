//! The byte scanner `read.rs` runs over each slice while the file streams in: it counts the records with content
//! (the row limit is enforced before the file is whole) and finds a quote that is never closed.

/// A byte-level CSV scanner that follows quoting like the reader does: it counts records with content while
/// streaming, and finds a quote that is never closed. Works on UTF-8 and Windows-1252 (the bytes it looks at are
/// ASCII) and, skipping NUL bytes, well enough on UTF-16 for an upper bound.
pub(crate) struct Scanner<'d> {
    delimiters: &'d [u8],
    in_quotes: bool,
    pending_quote: bool,
    at_field_start: bool,
    has_content: bool,
    /// Records with content so far.
    pub(crate) records: usize,
    /// Lines so far (blank ones included): the spreadsheet row is this + 1.
    lines: u32,
    quote_row: u32,
}

impl<'d> Scanner<'d> {
    pub(crate) fn new(delimiters: &'d [u8]) -> Self {
        Scanner {
            delimiters,
            in_quotes: false,
            pending_quote: false,
            at_field_start: true,
            has_content: false,
            records: 0,
            lines: 0,
            quote_row: 0,
        }
    }

    pub(crate) fn feed(&mut self, bytes: &[u8], skip_nul: bool) {
        if !self.in_quotes && memchr::memchr(b'"', bytes).is_none() {
            self.feed_without_quotes(bytes, skip_nul);
            return;
        }
        for &b in bytes {
            if skip_nul && b == 0 {
                continue;
            }
            if self.in_quotes {
                if self.pending_quote {
                    self.pending_quote = false;
                    if b == b'"' {
                        continue;
                    }
                    self.in_quotes = false;
                } else {
                    if b == b'"' {
                        self.pending_quote = true;
                    }
                    continue;
                }
            }
            match b {
                b'"' if self.at_field_start => {
                    self.in_quotes = true;
                    self.quote_row = self.lines + 1;
                    self.has_content = true;
                    self.at_field_start = false;
                }
                b'\n' | b'\r' => {
                    if self.has_content {
                        self.records += 1;
                    }
                    self.has_content = false;
                    self.at_field_start = true;
                    self.lines += 1;
                }
                d if self.delimiters.contains(&d) => self.at_field_start = true,
                b' ' | b'\t' => self.at_field_start = false,
                _ => {
                    self.has_content = true;
                    self.at_field_start = false;
                }
            }
        }
    }

    /// [`Scanner::feed`] for bytes without a quote, outside quotes: line by line (found a word at a time) instead
    /// of byte by byte, with the same counts.
    fn feed_without_quotes(&mut self, bytes: &[u8], skip_nul: bool) {
        let mut start = 0;
        for end in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            self.feed_fields(&bytes[start..end], skip_nul);
            if self.has_content {
                self.records += 1;
            }
            self.has_content = false;
            self.at_field_start = true;
            self.lines += 1;
            start = end + 1;
        }
        self.feed_fields(&bytes[start..], skip_nul);
    }

    /// A run of bytes with neither quote nor line break: whether it has content, and whether it ends on a
    /// delimiter (where a quote would open a quoted field).
    fn feed_fields(&mut self, bytes: &[u8], skip_nul: bool) {
        let skipped = |b: u8| skip_nul && b == 0;
        if !self.has_content {
            let blank = |b: u8| skipped(b) || self.delimiters.contains(&b) || matches!(b, b' ' | b'\t');
            self.has_content = bytes.iter().any(|&b| !blank(b));
        }
        if let Some(&last) = bytes.iter().rev().find(|&&b| !skipped(b)) {
            self.at_field_start = self.delimiters.contains(&last);
        }
    }

    /// The row where a quote opened and never closed, if one did.
    pub(crate) fn unclosed_quote(&self) -> Option<u32> {
        (self.in_quotes && !self.pending_quote).then_some(self.quote_row)
    }
}
