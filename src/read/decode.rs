//! Text encodings of data files, decoded as the bytes stream past: UTF-8
//! with or without a byte-order mark (passed through untouched; the CSV
//! reader checks it record by record), UTF-16 with one (Excel's "Unicode
//! text"), or a code page named with `--encoding` (windows-1258 from
//! Vietnamese Windows).
//!
//! The transcoding is encoding_rs's streaming decoder. Not encoding_rs_io:
//! it replaces a malformed sequence with U+FFFD silently, where a data
//! clerk must be told that the file is cut short or not in the encoding
//! named; `decode_to_utf8_without_replacement` reports it, and this module
//! says on which line.

use std::io::{self, Read};

use encoding_rs::{Decoder, DecoderResult, Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// How a file's bytes become text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sniffed {
    /// `None` for UTF-8 (passed through), else the encoding to decode.
    pub encoding: Option<&'static Encoding>,
    /// Length of the byte-order mark to skip.
    pub bom: usize,
}

/// Decides from the first bytes: a byte-order mark wins over `forced` (a
/// file that says it is UTF-16 is); without one, `forced` or UTF-8.
pub fn sniff(head: &[u8], forced: Option<&'static Encoding>) -> Sniffed {
    if let Some((encoding, bom)) = Encoding::for_bom(head) {
        let encoding = (encoding != UTF_8).then_some(encoding);
        return Sniffed { encoding, bom };
    }
    Sniffed {
        encoding: forced.filter(|&e| e != UTF_8),
        bom: 0,
    }
}

/// Looks up an encoding by a WHATWG label (`windows-1258`, `cp1258`, `utf-16le`, ...).
pub fn by_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// The I/O error a [`Transcoder`] gives for bytes not valid in its
/// encoding: the line of the output where they stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    /// 1-based line in the decoded text.
    pub line: u64,
    /// The encoding's name, lower case (`utf-16le`).
    pub encoding: String,
    /// True for UTF-16, whose damage has a likely cause worth naming.
    pub utf16: bool,
}

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {} is not valid {}", self.line, self.encoding)
    }
}

impl std::error::Error for Malformed {}

/// Decodes a byte stream in a non-UTF-8 encoding into UTF-8, strictly: a
/// malformed sequence ends the stream with a [`Malformed`] error once the
/// text before it has been read.
pub struct Transcoder<R> {
    inner: R,
    decoder: Decoder,
    encoding: &'static Encoding,
    input: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    /// Line ends (`\n`) in the text given so far.
    newlines: u64,
    /// A malformed sequence met after the last text given.
    failed: bool,
}

impl<R: Read> Transcoder<R> {
    /// Decodes `inner` (its byte-order mark already skipped) from `encoding`.
    pub fn new(inner: R, encoding: &'static Encoding) -> Self {
        Transcoder {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            encoding,
            input: vec![0; 1 << 16],
            start: 0,
            end: 0,
            eof: false,
            newlines: 0,
            failed: false,
        }
    }

    fn malformed(&self) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidData,
            Malformed {
                line: self.newlines + 1,
                encoding: self.encoding.name().to_lowercase(),
                utf16: self.encoding == UTF_16LE || self.encoding == UTF_16BE,
            },
        )
    }
}

impl<R: Read> Read for Transcoder<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.failed {
            return Err(self.malformed());
        }
        loop {
            if self.start == self.end && !self.eof {
                self.start = 0;
                self.end = self.inner.read(&mut self.input)?;
                self.eof = self.end == 0;
            }
            let src = self.input.get(self.start..self.end).unwrap_or_default();
            let (result, read, written) = self
                .decoder
                .decode_to_utf8_without_replacement(src, out, self.eof);
            self.start += read;
            let text = out.get(..written).unwrap_or_default();
            self.newlines += memchr::memchr_iter(b'\n', text).count() as u64;
            match result {
                DecoderResult::Malformed(..) => {
                    self.failed = true;
                    return if written > 0 {
                        Ok(written)
                    } else {
                        Err(self.malformed())
                    };
                }
                DecoderResult::OutputFull => return Ok(written),
                DecoderResult::InputEmpty if written > 0 || self.eof => return Ok(written),
                DecoderResult::InputEmpty => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> io::Result<String> {
        let s = sniff(bytes, forced);
        let body = &bytes[s.bom..];
        let mut text = Vec::new();
        match s.encoding {
            None => text.extend_from_slice(body),
            Some(e) => {
                Transcoder::new(body, e).read_to_end(&mut text)?;
            }
        }
        Ok(String::from_utf8(text).expect("utf-8"))
    }

    #[test]
    fn utf8_with_and_without_bom_passes_through() {
        assert_eq!(
            sniff(b"a,b\n", None),
            Sniffed {
                encoding: None,
                bom: 0
            }
        );
        assert_eq!(
            sniff(b"\xEF\xBB\xBFa", None),
            Sniffed {
                encoding: None,
                bom: 3
            }
        );
        assert_eq!(decode(b"\xEF\xBB\xBFa,b", None).unwrap(), "a,b");
    }

    #[test]
    fn utf16_with_bom_decodes_whatever_is_forced() {
        // "a\tb" as UTF-16LE after its BOM FF FE, and as UTF-16BE after FE FF
        let le = [0xFF, 0xFE, b'a', 0, b'\t', 0, b'b', 0];
        assert_eq!(decode(&le, by_label("windows-1258")).unwrap(), "a\tb");
        let be = [0xFE, 0xFF, 0, b'a', 0, b'\t', 0, b'b'];
        assert_eq!(decode(&be, None).unwrap(), "a\tb");
    }

    #[test]
    fn a_cut_utf16_file_names_its_line() {
        // "a\nb" then half a character
        let bytes = [0xFF, 0xFE, b'a', 0, b'\n', 0, b'b', 0, b'c'];
        let err = decode(&bytes, None).unwrap_err();
        let m = err
            .get_ref()
            .and_then(|e| e.downcast_ref::<Malformed>())
            .expect("malformed");
        assert_eq!(
            (m.line, m.utf16, m.encoding.as_str()),
            (2, true, "utf-16le")
        );
    }

    #[test]
    fn windows_1258_decodes_through_small_reads() {
        // "Sở": S, 0xF5 = "ơ", 0xD2 = combining hook above
        let text = decode(b"S\xF5\xD2", by_label("cp1258")).unwrap();
        assert_eq!(text, "S\u{1a1}\u{309}");
    }
}
