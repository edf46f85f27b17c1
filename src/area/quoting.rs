//! Quoting checked as the bytes stream past: the general reader
//! ([`crate::actuals::csv`]) reports a quote never closed, a stray quote in
//! a field that does not start with one, and text after a closing quote;
//! the csv crate accepts all three silently. [`QuoteCheck`] applies the
//! general reader's rules and only says whether a file breaks them; the
//! `--by area` reader then reads that file with the general reader, which
//! gives the messages. Costs nothing on a file without `"`.

/// The quoting state of a stream, fed chunk by chunk.
#[derive(Debug)]
pub struct QuoteCheck {
    delimiter: u8,
    /// Inside a quoted field.
    quoted: bool,
    /// The last byte seen was a quote inside a quoted field; the next byte
    /// says whether it closed the field or was doubled.
    pending: bool,
    /// Quotes before this offset are already handled (the second of `""`).
    skip: u64,
    /// The byte before the current chunk; `None` at the start of the stream.
    last: Option<u8>,
    /// The stream breaks a quoting rule.
    malformed: bool,
}

impl QuoteCheck {
    /// A check for a stream of fields separated by `delimiter`.
    pub fn new(delimiter: u8) -> Self {
        QuoteCheck {
            delimiter,
            quoted: false,
            pending: false,
            skip: 0,
            last: None,
            malformed: false,
        }
    }

    /// True once a quoting rule is broken.
    pub fn malformed(&self) -> bool {
        self.malformed
    }

    /// A byte that may follow a closing quote: a delimiter or a line end.
    fn ends_field(&self, b: u8) -> bool {
        b == self.delimiter || b == b'\n' || b == b'\r'
    }

    /// Before the quotes of a chunk at stream offset `offset`: settles a
    /// quote left pending by the previous chunk.
    pub fn start_chunk(&mut self, chunk: &[u8], offset: u64) {
        if !self.pending {
            return;
        }
        match chunk.first() {
            Some(b'"') => self.skip = offset + 1,
            Some(&b) if self.ends_field(b) => self.quoted = false,
            Some(_) => self.malformed = true,
            None => return,
        }
        self.pending = false;
    }

    /// The quote at index `i` of `chunk` (stream offset `offset + i`).
    pub fn quote(&mut self, chunk: &[u8], i: usize, offset: u64) {
        if self.malformed || offset + (i as u64) < self.skip {
            return;
        }
        if !self.quoted {
            let before = match i.checked_sub(1) {
                Some(j) => chunk.get(j).copied(),
                None => self.last,
            };
            // a quote opens a field only as its first byte
            match before {
                Some(b) if !self.ends_field(b) => self.malformed = true,
                _ => self.quoted = true,
            }
            return;
        }
        match chunk.get(i + 1) {
            Some(b'"') => self.skip = offset + i as u64 + 2,
            Some(&b) if self.ends_field(b) => self.quoted = false,
            Some(_) => self.malformed = true,
            None => self.pending = true,
        }
    }

    /// After a chunk: remembers its last byte.
    pub fn end_chunk(&mut self, chunk: &[u8]) {
        if let Some(&b) = chunk.last() {
            self.last = Some(b);
        }
    }

    /// At the end of the stream: a quote still open was never closed.
    pub fn end(&mut self) {
        if self.pending {
            self.pending = false;
            self.quoted = false;
        }
        if self.quoted {
            self.malformed = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds `text` in chunks of `size` bytes.
    fn malformed(text: &[u8], size: usize) -> bool {
        let mut q = QuoteCheck::new(b',');
        let mut offset = 0u64;
        for chunk in text.chunks(size) {
            q.start_chunk(chunk, offset);
            for i in memchr::memchr_iter(b'"', chunk) {
                q.quote(chunk, i, offset);
            }
            q.end_chunk(chunk);
            offset += chunk.len() as u64;
        }
        q.end();
        q.malformed()
    }

    #[test]
    fn the_general_readers_quoting_rules_in_any_chunking() {
        let cases: [(&[u8], bool); 12] = [
            (b"a,b\n1,2\n", false),
            (b"\"a,b\",c\n\"x\"\"y\",\"\"\r\n", false),
            (b"a,\"multi\r\nline\"\n", false),
            (b"\"\"\"a\"\"\"\n", false),
            (b"\"\"", false),
            (b"a,\"x", true),       // never closed
            (b"a,b\"c\n", true),    // stray
            (b"a, \"b\"\n", true),  // a quote after a space is stray
            (b"\"86\"%,x\n", true), // text after the closing quote
            (b"\"a\"\"\n", true),   // `""` then the field never closes
            (b"x\n\"ok\"\n\"ab\"c\n", true),
            (b"x;\"y\"\n", true), // `;` is not the delimiter here
        ];
        for (text, bad) in cases {
            for size in 1..=text.len().max(1) {
                assert_eq!(
                    malformed(text, size),
                    bad,
                    "{:?} in chunks of {size}",
                    String::from_utf8_lossy(text)
                );
            }
        }
    }
}
