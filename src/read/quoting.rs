//! The quoting mistakes spreadsheet users make in CSV: a quote never
//! closed, a stray quote inside a field that does not start with one, text
//! after a closing quote.
//!
//! Hand-written because no CSV crate reports them: csv-core, which splits
//! the records, accepts all three silently (a stray quote is kept as text,
//! text after a closing quote is appended, an unclosed quote swallows the
//! rest of the file into one field). This module looks only at the raw
//! bytes of a record that holds a `"`, and says what a data clerk must fix
//! and where.

/// A quoting mistake in a record's raw bytes; offsets are into those bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Issue {
    /// Field `field` (0-based) holds a `"` but does not start with one;
    /// its raw text is `start..end`.
    Stray {
        field: usize,
        start: usize,
        end: usize,
    },
    /// Field `field` has text after its closing quote; raw `start..end`.
    After {
        field: usize,
        start: usize,
        end: usize,
    },
    /// Field `field` opens a quote at `quote` that is never closed.
    Unclosed { field: usize, quote: usize },
}

/// The first quoting mistake in `raw`, the bytes of one record from its
/// first field on (its line end included, if any).
pub fn check(raw: &[u8], delimiter: u8) -> Option<Issue> {
    let ends_field = |b: u8| b == delimiter || b == b'\n' || b == b'\r';
    let mut i = 0;
    let mut field = 0;
    loop {
        let start = i;
        if raw.get(i) == Some(&b'"') {
            i += 1;
            loop {
                let Some(q) = memchr::memchr(b'"', raw.get(i..).unwrap_or_default()) else {
                    return Some(Issue::Unclosed {
                        field,
                        quote: start,
                    });
                };
                let q = i + q;
                if raw.get(q + 1) == Some(&b'"') {
                    i = q + 2;
                    continue;
                }
                i = q + 1;
                break;
            }
            if raw.get(i).is_some_and(|&b| !ends_field(b)) {
                let end = next_end(raw, i, delimiter);
                return Some(Issue::After { field, start, end });
            }
        } else {
            let end = next_end(raw, i, delimiter);
            if memchr::memchr(b'"', raw.get(start..end).unwrap_or_default()).is_some() {
                return Some(Issue::Stray { field, start, end });
            }
            i = end;
        }
        match raw.get(i) {
            Some(&b) if b == delimiter => {
                i += 1;
                field += 1;
            }
            _ => return None,
        }
    }
}

/// The offset of the next delimiter or line end at or after `from`.
fn next_end(raw: &[u8], from: usize, delimiter: u8) -> usize {
    let rest = raw.get(from..).unwrap_or_default();
    from + memchr::memchr3(delimiter, b'\n', b'\r', rest).unwrap_or(rest.len())
}

/// The end of the line holding offset `at` (its line end excluded), and
/// where the next line starts.
pub fn line_after(raw: &[u8], at: usize) -> (usize, usize) {
    let rest = raw.get(at..).unwrap_or_default();
    let Some(n) = memchr::memchr2(b'\n', b'\r', rest) else {
        return (raw.len(), raw.len());
    };
    let end = at + n;
    let next = match raw.get(end..end + 2) {
        Some(b"\r\n") => end + 2,
        _ => end + 1,
    };
    (end, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_quoted_records_pass() {
        assert_eq!(check(b"a,\"b,\"\"c\"\"\",d\n", b','), None);
        assert_eq!(check(b"\"x\r\ny\",1\r\n", b','), None);
        assert_eq!(check(b"\"\"", b','), None);
    }

    #[test]
    fn stray_and_trailing_text_are_found_with_their_field() {
        // field 3 is «Sở "TT"»: bytes 4.. of `a,b,c,Sở "TT"`
        let raw = "a,b,c,Sở \"TT\"\n".as_bytes();
        assert_eq!(
            check(raw, b','),
            Some(Issue::Stray {
                field: 3,
                start: 6,
                end: raw.len() - 1
            })
        );
        assert_eq!(
            check(b"x,\"86\"%,y\n", b','),
            Some(Issue::After {
                field: 1,
                start: 2,
                end: 7
            })
        );
    }

    #[test]
    fn an_unclosed_quote_is_found_where_it_opened() {
        assert_eq!(
            check(b"a;\"b\nc;d\n", b';'),
            Some(Issue::Unclosed { field: 1, quote: 2 })
        );
        // the line after the quote starts after its CRLF
        assert_eq!(line_after(b"a;\"b\r\nc", 2), (4, 6));
        assert_eq!(line_after(b"a;\"b", 2), (4, 4));
    }
}
