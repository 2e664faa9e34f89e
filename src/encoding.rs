//! Text encodings of products and plan files: UTF-8 (with or without a byte order mark),
//! GB18030 (GBK, what Excel writes as "CSV (逗号分隔)" on Chinese Windows) and UTF-16 with a
//! byte order mark, named or detected, decoded as a stream.
//!
//! [`Decoder`] is a [`Read`] adapter: it reads the file in chunks of 64 KiB and hands over
//! UTF-8, so a reader behind it (the CSV reader and its row bound) sees UTF-8 whatever the
//! file's encoding, and nothing is read whole. With [`Encoding::Auto`] the encoding is:
//!
//! 1. the one of the byte order mark, when the file starts with one (UTF-8, UTF-16 LE or BE);
//! 2. else, as long as the text is ASCII, nothing needs deciding (ASCII reads the same in
//!    UTF-8 and GB18030); at the first byte beyond ASCII, the next 64 KiB decide: UTF-8 when
//!    they are UTF-8, or when they start with two characters beyond ASCII in UTF-8; GB18030
//!    when they are GB18030, with no NUL byte and at least four in five of their two-byte
//!    characters in the GB2312 area (common hanzi and full-width punctuation: a decisive
//!    sign, since text in another legacy encoding and UTF-8 read as pairs fall below it);
//!    else UTF-8, so that the first byte that is not UTF-8 is refused with its place.
//!
//! The decision is final: text in another encoding further on is refused where it is not
//! valid in the encoding decided (UTF-8 Chinese after GB18030 text is valid GB18030 and reads
//! as other characters: a file that mixes encodings is only caught where it breaks them).
//!
//! A byte sequence that is not valid in the named or detected encoding, a NUL byte in the first
//! line (a binary file, or UTF-16 without a byte order mark) and an Excel workbook read as text
//! are refused, with the line and the byte offset (from 0, as a hex editor shows it) and what
//! to do. Rows before the fault are handed over first.

use std::io::{self, Read};

use crate::error::{t, Error, ErrorKind, Text};

/// The messages of this module.
pub(crate) mod msg {
    crate::error::messages! {
        UNKNOWN = "expected auto, utf-8, gb18030, gbk, utf-16le or utf-16be",
            "应为 auto、utf-8、gb18030、gbk、utf-16le 或 utf-16be";
        /// Where a decoder's fault is: the line, and the byte offset from 0.
        PLACE_LINE_BYTE = "line {0}, byte {1}", "第 {0} 行，字节偏移 {1}";
        WORKBOOK = "the file is {0}, not text: {1}", "该文件是 {0}，不是文本，{1}";
        XLSX = "an Excel workbook (.xlsx) or another zip archive", "Excel 工作簿（.xlsx）或其他 zip 压缩文件";
        XLS = "an Excel 97-2003 workbook (.xls)", "Excel 97-2003 工作簿（.xls）";
        READ_AS_WORKBOOK = "read it as a workbook (a file named .xlsx), or save it as \"CSV UTF-8 (逗号分隔)\"",
            "请按工作簿读取（文件名以 .xlsx 结尾），或另存为 \"CSV UTF-8 (逗号分隔)\"";
        SAVE_AS_WORKBOOK = "save it as a workbook (.xlsx) or as \"CSV UTF-8 (逗号分隔)\"",
            "请另存为工作簿（.xlsx）或 \"CSV UTF-8 (逗号分隔)\"";
        SAVE_AS_UTF8_TEXT = "save it as UTF-8 text", "请另存为 UTF-8 文本";
        SAVE_AS_CSV_UTF8 = "save it as \"CSV UTF-8 (逗号分隔)\"", "请另存为 \"CSV UTF-8 (逗号分隔)\"";
        SAVE_AS_UTF8 = "save it as UTF-8", "请另存为 UTF-8";
        READ_WITH = "read it with --encoding {0}, or {1}", "可用 --encoding {0} 读取；或{1}";
        FOREIGN_BOM = "the file starts with the byte order mark of {0}, so it is not {1}: {2}",
            "文件以 {0} 的字节顺序标记（BOM）开头，因此不是 {1}，{2}";
        NUL_UTF16 = "a NUL byte in the first line: the file looks like {0} without a byte order mark: {1}",
            "第一行中有 NUL 字节，该文件似乎是没有字节顺序标记的 {0}，{1}";
        NUL_BINARY = "a NUL byte in the first line: the file is not text (a binary file?): {0}",
            "第一行中有 NUL 字节，该文件不是文本（是二进制文件吗？），{0}";
        NOT_UTF8_GB18030_EXCEL = "the file is not UTF-8 (it looks like GB18030, as Excel saves \"CSV (逗号分隔)\" on Chinese Windows): {0}",
            "文件不是 UTF-8（似乎是 GB18030，中文版 Windows 上的 Excel 保存 \"CSV (逗号分隔)\" 时用的就是它），{0}";
        NOT_UTF8_GB18030 = "the file is not UTF-8 (it looks like GB18030): {0}",
            "文件不是 UTF-8（似乎是 GB18030），{0}";
        NOT_UTF8_NUL = "the file is not UTF-8 text (it holds NUL bytes: a binary file?): {0}",
            "文件不是 UTF-8 文本（含有 NUL 字节，是二进制文件吗？），{0}";
        NOT_UTF8 = "the file is not UTF-8 (nor GB18030 or UTF-16 with a byte order mark): {0}",
            "文件不是 UTF-8（也不是 GB18030 或带字节顺序标记的 UTF-16），{0}";
        NOT_GB18030_AFTER = "the file is not GB18030 (the text before was read as GB18030): {0}",
            "文件不是 GB18030（前面的文本已按 GB18030 读取），{0}";
        NOT_GB18030 = "the file is not GB18030: {0}", "文件不是 GB18030，{0}";
        NOT_UTF16 = "the file is not {0} (an unpaired surrogate, or an odd byte at the end): {1}",
            "文件不是 {0}（有未配对的代理项，或末尾多出一个字节），{1}";
    }
}

/// The text encoding of a products or plan file.
///
/// ```
/// use duibiao::product::Encoding;
///
/// assert_eq!("gbk".parse::<Encoding>()?, Encoding::Gb18030); // GBK is read as GB18030
/// assert_eq!("UTF-16LE".parse::<Encoding>()?, Encoding::Utf16Le);
/// assert_eq!(Encoding::default(), Encoding::Auto);
/// let gbk = b"id,\xb3\xe5\xcb\xae\xc1\xbf\n"; // "id,冲水量" as GBK
/// assert_eq!(Encoding::Auto.decode(gbk)?, "id,冲水量\n");
/// # Ok::<(), duibiao::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// Detected: the byte order mark, else UTF-8, else GB18030 on a decisive check (see the
    /// module documentation of [`Decoder`]).
    #[default]
    Auto,
    /// UTF-8; a byte order mark is skipped.
    Utf8,
    /// GB18030, which includes GBK and GB2312 (`gbk`, `gb2312` and `cp936` name it too).
    Gb18030,
    /// UTF-16 little-endian; a byte order mark is skipped.
    Utf16Le,
    /// UTF-16 big-endian; a byte order mark is skipped.
    Utf16Be,
}

impl Encoding {
    /// The name as `--encoding` takes it: `auto`, `utf-8`, `gb18030`, `utf-16le`, `utf-16be`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Auto => "auto",
            Encoding::Utf8 => "utf-8",
            Encoding::Gb18030 => "gb18030",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
        }
    }

    /// How a message names it.
    fn label(self) -> &'static str {
        match self {
            Encoding::Auto => "text",
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
        }
    }

    fn codec(self) -> &'static encoding_rs::Encoding {
        match self {
            Encoding::Gb18030 => encoding_rs::GB18030,
            Encoding::Utf16Le => encoding_rs::UTF_16LE,
            Encoding::Utf16Be => encoding_rs::UTF_16BE,
            Encoding::Auto | Encoding::Utf8 => encoding_rs::UTF_8,
        }
    }

    /// Decodes a whole text (a plan file) held in memory, as [`Decoder`] reads a stream. The
    /// command line reads plans with [`Encoding::Auto`] (it has no flag for a plan's encoding):
    /// the message of a plan it cannot read says to save it as UTF-8.
    ///
    /// # Errors
    ///
    /// When the bytes are not text in this encoding (or, with [`Encoding::Auto`], in any
    /// encoding it detects): the message gives the line and byte and what to do.
    pub fn decode(self, bytes: &[u8]) -> Result<String, Error> {
        let mut text = String::new();
        Decoder::of_kind(bytes, self, Kind::Plan)
            .read_to_string(&mut text)
            .map_err(|e| read_error(&e))?;
        Ok(text)
    }
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Encoding {
    type Err = Error;

    /// `auto`, `utf-8`, `gb18030`, `gbk`, `utf-16le`, `utf-16be`, in any case, with or
    /// without the hyphen; `gbk`, `gb2312` and `cp936` read as GB18030.
    fn from_str(s: &str) -> Result<Encoding, Error> {
        let key: String = s
            .trim()
            .chars()
            .filter(|c| !matches!(c, '-' | '_'))
            .flat_map(char::to_lowercase)
            .collect();
        Ok(match key.as_str() {
            "auto" => Encoding::Auto,
            "utf8" => Encoding::Utf8,
            "gb18030" | "gbk" | "gb2312" | "cp936" => Encoding::Gb18030,
            "utf16le" => Encoding::Utf16Le,
            "utf16be" => Encoding::Utf16Be,
            _ => {
                return Err(Error::invalid(
                    "encoding",
                    &crate::number::truncate(s),
                    t!(msg::UNKNOWN),
                ))
            }
        })
    }
}

/// What kind of file is read, for the advice in a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A products CSV: Excel's "CSV UTF-8 (逗号分隔)" is the way out.
    Csv,
    /// Any other text read as a stream (a JSON file).
    Text,
    /// A plan, read whole and detected: no flag to name its encoding.
    Plan,
}

const CHUNK: usize = 64 * 1024;

enum State {
    /// Nothing read yet: the byte order mark decides, or the text that follows.
    Start,
    /// Auto-detecting, ASCII so far.
    Ascii,
    /// Decoding with a known encoding.
    Decode(Box<encoding_rs::Decoder>, Encoding),
    /// At the end.
    Done,
}

/// A [`Read`] adapter that decodes a file in a named or detected [`Encoding`] and hands over
/// UTF-8, 64 KiB at a time, with the byte order mark removed (see the module documentation).
/// A fault fails the read that meets it, after the text before it, and every read after.
///
/// ```
/// use std::io::Read;
/// use duibiao::product::{Decoder, Encoding};
///
/// let utf16 = b"\xff\xfei\0d\0\n\0"; // "id\n" as UTF-16 LE with its byte order mark
/// let mut text = String::new();
/// let mut decoder = Decoder::new(&utf16[..], Encoding::Auto);
/// decoder.read_to_string(&mut text)?;
/// assert_eq!(text, "id\n");
/// assert_eq!(decoder.encoding(), Some(Encoding::Utf16Le));
///
/// let gbk_in_utf8 = "id,名称\nP1,".bytes().chain(*b"\xd1\xf9\xc6\xb7\n").collect::<Vec<u8>>();
/// let error = Decoder::new(&gbk_in_utf8[..], Encoding::Auto).read_to_string(&mut text).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "line 2, byte 13: the file is not UTF-8 (it looks like GB18030): read it with --encoding gb18030, or save it as UTF-8"
/// );
/// # Ok::<(), std::io::Error>(())
/// ```
pub struct Decoder<R> {
    inner: R,
    named: Encoding,
    kind: Kind,
    state: State,
    input: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    out: Vec<u8>,
    out_start: usize,
    out_end: usize,
    /// The file offset of `input[start]`.
    offset: u64,
    /// Line breaks handed over (or produced) so far.
    lines: u64,
    /// Still in the first line: a NUL byte there means the file is not text.
    first_line: bool,
    failed: Option<Fault>,
    detected: Option<Encoding>,
}

impl<R: Read> Decoder<R> {
    /// Decodes `inner`, in `encoding` (or detected, with [`Encoding::Auto`]).
    pub fn new(inner: R, encoding: Encoding) -> Decoder<R> {
        Decoder::of_kind(inner, encoding, Kind::Text)
    }

    pub(crate) fn of_kind(inner: R, encoding: Encoding, kind: Kind) -> Decoder<R> {
        Decoder {
            inner,
            named: encoding,
            kind,
            state: State::Start,
            input: Vec::new(),
            start: 0,
            end: 0,
            eof: false,
            out: Vec::new(),
            out_start: 0,
            out_end: 0,
            offset: 0,
            lines: 0,
            first_line: true,
            failed: None,
            detected: None,
        }
    }

    /// The encoding the file is read in, once known: the one named, or the one detected (an
    /// ASCII file read with [`Encoding::Auto`] stays `None`, as ASCII is read the same in each).
    pub fn encoding(&self) -> Option<Encoding> {
        self.detected
    }

    /// Reads once into the free end of the input buffer (compacting it first); false at the
    /// end of the file.
    fn fill(&mut self) -> io::Result<bool> {
        if self.input.is_empty() {
            self.input = vec![0; CHUNK];
        }
        if self.start > 0 {
            self.input.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        loop {
            let Some(free) = self.input.get_mut(self.end..) else {
                return Ok(false);
            };
            if free.is_empty() || self.eof {
                return Ok(false);
            }
            match self.inner.read(free) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Reads until the input buffer holds `n` bytes from `start`, or is full, or the file ends.
    fn fill_to(&mut self, n: usize) -> io::Result<()> {
        while self.end - self.start < n && self.fill()? {}
        Ok(())
    }

    fn pending(&self) -> &[u8] {
        self.input.get(self.start..self.end).unwrap_or_default()
    }

    /// Records the fault at line `line`, byte `at`: every read from now on fails with it.
    fn fail(&mut self, line: u64, at: u64, detail: Text) {
        self.failed = Some(Fault {
            place: Some(t!(msg::PLACE_LINE_BYTE, line, at)),
            detail,
            kind: ErrorKind::Encoding,
        });
        self.state = State::Done;
    }

    /// The start: a workbook, a byte order mark, or the text that follows.
    fn begin(&mut self) -> io::Result<()> {
        self.fill_to(4)?;
        let head = self.pending();
        if head.starts_with(b"PK\x03\x04") || head.starts_with(b"\xd0\xcf\x11\xe0") {
            let zip = head.starts_with(b"PK");
            let what = if zip { msg::XLSX } else { msg::XLS };
            let advice = match self.kind {
                Kind::Csv if zip => msg::READ_AS_WORKBOOK,
                Kind::Csv => msg::SAVE_AS_WORKBOOK,
                Kind::Text | Kind::Plan => msg::SAVE_AS_UTF8_TEXT,
            };
            self.fail(1, 0, t!(msg::WORKBOOK, t!(what), t!(advice)));
            return Ok(());
        }
        let bom = if head.starts_with(b"\xef\xbb\xbf") {
            Some((Encoding::Utf8, 3))
        } else if head.starts_with(b"\xff\xfe") {
            Some((Encoding::Utf16Le, 2))
        } else if head.starts_with(b"\xfe\xff") {
            Some((Encoding::Utf16Be, 2))
        } else {
            None
        };
        let encoding = match (bom, self.named) {
            (Some((found, _)), named) if named != Encoding::Auto && named != found => {
                let advice = self.read_with(found);
                self.fail(
                    1,
                    0,
                    t!(msg::FOREIGN_BOM, found.label(), named.label(), advice),
                );
                return Ok(());
            }
            (Some((found, len)), _) => {
                self.start += len;
                self.offset += len as u64;
                Some(found)
            }
            (None, Encoding::Auto) => None,
            (None, named) => Some(named),
        };
        self.state = match encoding {
            Some(e) => self.decoding(e),
            None => State::Ascii,
        };
        Ok(())
    }

    fn decoding(&mut self, encoding: Encoding) -> State {
        self.detected = Some(encoding);
        if matches!(encoding, Encoding::Utf16Le | Encoding::Utf16Be) {
            // NUL bytes are part of UTF-16; a file with a byte order mark is text.
            self.first_line = false;
        }
        State::Decode(
            Box::new(encoding.codec().new_decoder_without_bom_handling()),
            encoding,
        )
    }

    /// "read it with --encoding …, or save it as …".
    fn read_with(&self, encoding: Encoding) -> Text {
        match self.kind {
            Kind::Plan => self.save_as(),
            Kind::Csv | Kind::Text => t!(msg::READ_WITH, encoding.name(), self.save_as()),
        }
    }

    fn save_as(&self) -> Text {
        match self.kind {
            Kind::Csv => t!(msg::SAVE_AS_CSV_UTF8),
            Kind::Text | Kind::Plan => t!(msg::SAVE_AS_UTF8),
        }
    }

    /// Fails for a NUL byte at file offset `at` in the first line, `head` the bytes from the
    /// start of the line.
    fn fail_nul(&mut self, head: &[u8], at: u64) {
        let detail = match utf16_without_bom(head) {
            Some(e) => t!(msg::NUL_UTF16, e.label(), self.read_with(e)),
            None => t!(msg::NUL_BINARY, self.save_as()),
        };
        self.fail(1, at, detail);
    }

    /// Fails for a malformed sequence at file offset `at`, `window` the bytes from there.
    fn fail_malformed(&mut self, encoding: Encoding, at: u64, window: &[u8]) {
        let detected = self.named == Encoding::Auto;
        let detail = match encoding {
            Encoding::Utf8 | Encoding::Auto if gb18030_decisive(window) => {
                let template = match self.kind {
                    Kind::Csv => msg::NOT_UTF8_GB18030_EXCEL,
                    Kind::Text | Kind::Plan => msg::NOT_UTF8_GB18030,
                };
                t!(template, self.read_with(Encoding::Gb18030))
            }
            Encoding::Utf8 | Encoding::Auto if window.contains(&0) => {
                t!(msg::NOT_UTF8_NUL, self.save_as())
            }
            Encoding::Utf8 | Encoding::Auto => t!(msg::NOT_UTF8, self.save_as()),
            Encoding::Gb18030 if detected => t!(msg::NOT_GB18030_AFTER, self.save_as()),
            Encoding::Gb18030 => t!(msg::NOT_GB18030, self.save_as()),
            Encoding::Utf16Le | Encoding::Utf16Be => {
                t!(msg::NOT_UTF16, encoding.label(), self.save_as())
            }
        };
        self.fail(self.lines + 1, at, detail);
    }

    /// Decodes the next stretch of input into `out` (or records the fault, or the end).
    fn produce(&mut self) -> io::Result<()> {
        self.out_start = 0;
        self.out_end = 0;
        if self.out.is_empty() {
            self.out = vec![0; CHUNK];
        }
        match std::mem::replace(&mut self.state, State::Done) {
            State::Done => Ok(()),
            State::Start => self.begin(),
            State::Ascii => self.ascii(),
            State::Decode(mut decoder, encoding) => {
                let finished = self.decode(&mut decoder, encoding)?;
                if self.failed.is_none() && !finished {
                    self.state = State::Decode(decoder, encoding);
                }
                Ok(())
            }
        }
    }

    /// Auto-detection while the text is ASCII: hands the ASCII over, and decides the encoding
    /// at the first byte beyond it.
    fn ascii(&mut self) -> io::Result<()> {
        self.state = State::Ascii;
        if self.start == self.end && !self.fill()? {
            self.state = State::Done;
            return Ok(());
        }
        let pending = self.input.get(self.start..self.end).unwrap_or_default();
        let ascii = pending
            .iter()
            .position(|&b| b >= 0x80)
            .unwrap_or(pending.len())
            .min(self.out.len());
        if ascii == 0 {
            // The first byte beyond ASCII: the next 64 KiB decide.
            self.fill_to(CHUNK)?;
            let encoding = decide(self.pending(), self.eof);
            self.state = self.decoding(encoding);
            return Ok(());
        }
        let chunk = pending.get(..ascii).unwrap_or_default();
        if let Some(at) = nul_in_first_line(&mut self.first_line, chunk) {
            let head = chunk.to_vec();
            self.fail_nul(&head, self.offset + at as u64);
            return Ok(());
        }
        self.lines += count_lines(chunk);
        if let (Some(out), Some(chunk)) = (
            self.out.get_mut(..ascii),
            self.input.get(self.start..self.start + ascii),
        ) {
            out.copy_from_slice(chunk);
        }
        self.out_end = ascii;
        self.start += ascii;
        self.offset += ascii as u64;
        Ok(())
    }

    /// One call of the decoder; true at the end of the text.
    fn decode(
        &mut self,
        decoder: &mut encoding_rs::Decoder,
        encoding: Encoding,
    ) -> io::Result<bool> {
        if self.start == self.end && !self.eof {
            self.fill()?;
        }
        let last = self.eof;
        let src = self.input.get(self.start..self.end).unwrap_or_default();
        let (result, read, written) =
            decoder.decode_to_utf8_without_replacement(src, &mut self.out, last);
        let consumed = src.get(..read).unwrap_or_default();
        if let Some(at) = nul_in_first_line(&mut self.first_line, consumed) {
            let head = consumed.to_vec();
            self.fail_nul(&head, self.offset + at as u64);
            return Ok(true);
        }
        let start = self.start;
        self.start += read;
        self.offset += read as u64;
        self.out_end = written;
        let produced = count_lines(self.out.get(..written).unwrap_or_default());
        match result {
            encoding_rs::DecoderResult::InputEmpty => {
                self.lines += produced;
                return Ok(last);
            }
            encoding_rs::DecoderResult::OutputFull => self.lines += produced,
            encoding_rs::DecoderResult::Malformed(bad, extra) => {
                // The malformed bytes end `extra` bytes before what was read; they may have
                // begun in an earlier chunk.
                let back = u64::from(bad) + u64::from(extra);
                let at = self.offset.saturating_sub(back);
                let from = (start + read).saturating_sub(usize::from(bad) + usize::from(extra));
                let window = self.input.get(from..self.end).unwrap_or_default().to_vec();
                self.lines += produced;
                self.fail_malformed(encoding, at, &window);
            }
        }
        Ok(false)
    }
}

impl<R: Read> Read for Decoder<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.out_start < self.out_end {
                let ready = self
                    .out
                    .get(self.out_start..self.out_end)
                    .unwrap_or_default();
                let n = ready.len().min(buf.len());
                if let (Some(to), Some(from)) = (buf.get_mut(..n), ready.get(..n)) {
                    to.copy_from_slice(from);
                }
                self.out_start += n;
                return Ok(n);
            }
            if let Some(fault) = &self.failed {
                return Err(io::Error::new(io::ErrorKind::InvalidData, fault.clone()));
            }
            if matches!(self.state, State::Done) || buf.is_empty() {
                return Ok(0);
            }
            self.produce()?;
        }
    }
}

/// The offset of a NUL byte before the first line break, while `first_line` holds (which a
/// line break ends).
fn nul_in_first_line(first_line: &mut bool, bytes: &[u8]) -> Option<usize> {
    if !*first_line {
        return None;
    }
    let at = bytes.iter().position(|&b| b == 0 || b == b'\n')?;
    if bytes.get(at) == Some(&b'\n') {
        *first_line = false;
        return None;
    }
    Some(at)
}

/// A fault of the crate's own readers carried through an [`io::Error`] (a [`Decoder`]'s,
/// whose message names its place, `line 2, byte 17: …`; a row beyond its bound), written
/// from templates so that it reads in every language once it is an [`Error`] again. Its
/// `Display` is the English message.
#[derive(Clone, Debug)]
pub(crate) struct Fault {
    pub(crate) place: Option<Text>,
    pub(crate) detail: Text,
    pub(crate) kind: ErrorKind,
}

impl Fault {
    /// An I/O error carrying `detail` (no place) of `kind`.
    pub(crate) fn io(kind: ErrorKind, detail: Text) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidData,
            Fault {
                place: None,
                detail,
                kind,
            },
        )
    }

    /// The fault as an error of its kind, with its place.
    pub(crate) fn to_error(&self) -> Error {
        let e = Error::of(self.kind, self.detail.clone());
        match &self.place {
            Some(place) => e.place(place.clone()),
            None => e,
        }
    }
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(place) = &self.place {
            write!(f, "{}: ", place.render(crate::Lang::En))?;
        }
        f.write_str(&self.detail.render(crate::Lang::En))
    }
}

impl std::error::Error for Fault {}

/// The crate's own fault inside an I/O error, if it is one.
pub(crate) fn fault(e: &io::Error) -> Option<&Fault> {
    e.get_ref().and_then(|inner| inner.downcast_ref::<Fault>())
}

/// Whether an I/O error is a [`Decoder`]'s fault, whose message names its place.
pub(crate) fn is_located(e: &io::Error) -> bool {
    fault(e).is_some_and(|f| f.place.is_some())
}

/// An I/O error as an error: the crate's own fault as it was written, or a read that failed
/// (kind [`ErrorKind::Io`]) in the system's words.
pub(crate) fn read_error(e: &io::Error) -> Error {
    match fault(e) {
        Some(f) => f.to_error(),
        None => Error::of(ErrorKind::Io, crate::text::io_text(e)),
    }
}

fn count_lines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// The encoding of a file whose text is ASCII up to `window`, which starts at its first byte
/// beyond ASCII (`eof`: the window runs to the end of the file).
fn decide(window: &[u8], eof: bool) -> Encoding {
    let utf8 = match std::str::from_utf8(window) {
        Ok(_) => true,
        // A character cut by the end of the window.
        Err(e) if e.error_len().is_none() && !eof => true,
        // Two characters beyond ASCII in UTF-8 before the first fault: GB18030 text forms
        // that by chance about once in several thousand files; UTF-8 text does at once.
        Err(e) => {
            let valid = window.get(..e.valid_up_to()).unwrap_or_default();
            std::str::from_utf8(valid)
                .is_ok_and(|s| s.chars().filter(|c| !c.is_ascii()).count() >= 2)
        }
    };
    if utf8 {
        return Encoding::Utf8;
    }
    if gb18030_decisive(window) {
        Encoding::Gb18030
    } else {
        Encoding::Utf8
    }
}

/// Bytes that are GB18030 beyond doubt: well formed, no NUL byte, and at least four in five
/// two-byte characters in the GB2312 area, where Chinese text has nearly all of its
/// characters (text in another legacy encoding, such as Latin-1 accents before ASCII, and
/// UTF-8 Chinese read as pairs fall below that).
fn gb18030_decisive(bytes: &[u8]) -> bool {
    gb18030_shape(bytes).is_some_and(|s| s.text && s.pairs > 0 && s.gb2312 * 5 >= s.pairs * 4)
}

/// What a GB18030 reading of bytes finds.
struct Gb18030Shape {
    /// Every sequence is well formed, no NUL byte.
    text: bool,
    /// Two-byte characters.
    pairs: usize,
    /// Two-byte characters in the GB2312 area (lead A1–F7, trail A1–FE).
    gb2312: usize,
}

/// Reads `bytes` as GB18030 by its byte structure (a sequence cut by the end of `bytes` is
/// fine); `None` at the first malformed sequence.
fn gb18030_shape(bytes: &[u8]) -> Option<Gb18030Shape> {
    let mut shape = Gb18030Shape {
        text: true,
        pairs: 0,
        gb2312: 0,
    };
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if b == 0 {
                shape.text = false;
            }
            i += 1;
            continue;
        }
        if !(0x81..=0xfe).contains(&b) {
            return None;
        }
        let Some(&t) = bytes.get(i + 1) else { break };
        match t {
            0x40..=0x7e | 0x80..=0xfe => {
                shape.pairs += 1;
                if (0xa1..=0xf7).contains(&b) && (0xa1..=0xfe).contains(&t) {
                    shape.gb2312 += 1;
                }
                i += 2;
            }
            0x30..=0x39 => {
                match (bytes.get(i + 2), bytes.get(i + 3)) {
                    (Some(0x81..=0xfe), Some(0x30..=0x39)) => {}
                    (Some(0x81..=0xfe), None) | (None, _) => break,
                    _ => return None,
                }
                i += 4;
            }
            _ => return None,
        }
    }
    Some(shape)
}

/// UTF-16 without a byte order mark: ASCII text whose every other byte is NUL.
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let head = bytes.get(..bytes.len().min(64)).unwrap_or_default();
    if head.len() < 4 {
        return None;
    }
    let zero_at = |parity: usize| {
        head.iter()
            .enumerate()
            .filter(|(k, _)| k % 2 == parity)
            .all(|(_, &b)| b == 0)
    };
    let text_at = |parity: usize| {
        head.iter()
            .enumerate()
            .filter(|(k, _)| k % 2 == parity)
            .all(|(_, &b)| b != 0 && b < 0x80)
    };
    if zero_at(1) && text_at(0) {
        Some(Encoding::Utf16Le)
    } else if zero_at(0) && text_at(1) {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8], encoding: Encoding) -> Result<String, String> {
        let mut text = String::new();
        Decoder::of_kind(bytes, encoding, Kind::Csv)
            .read_to_string(&mut text)
            .map(|_| text)
            .map_err(|e| e.to_string())
    }

    /// A reader handing over one byte per read: chunk edges fall everywhere.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match (self.0.split_first(), buf.first_mut()) {
                (Some((&b, rest)), Some(slot)) => {
                    *slot = b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn each_encoding_reads_as_the_utf8_text() {
        let text = "id,冲水量,备注\nP1,3.5 L,送检样品：合格\n";
        let (gbk, _, bad) = encoding_rs::GBK.encode(text);
        assert!(!bad);
        let mut le = vec![0xff, 0xfe];
        let mut be = vec![0xfe, 0xff];
        for unit in text.encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        let bom: Vec<u8> = b"\xef\xbb\xbf"
            .iter()
            .chain(text.as_bytes())
            .copied()
            .collect();
        for (bytes, named, expected) in [
            (text.as_bytes(), Encoding::Utf8, Encoding::Utf8),
            (&bom, Encoding::Utf8, Encoding::Utf8),
            (&gbk, Encoding::Gb18030, Encoding::Gb18030),
            (&le, Encoding::Utf16Le, Encoding::Utf16Le),
            (&be, Encoding::Utf16Be, Encoding::Utf16Be),
        ] {
            for encoding in [named, Encoding::Auto] {
                assert_eq!(read(bytes, encoding).as_deref(), Ok(text), "{encoding}");
                let mut out = String::new();
                let mut d = Decoder::new(Trickle(bytes), encoding);
                d.read_to_string(&mut out).unwrap();
                assert_eq!(out, text, "{encoding}, one byte at a time");
                assert_eq!(d.encoding(), Some(expected));
            }
        }
        let mut d = Decoder::new(&b"id,x\n"[..], Encoding::Auto);
        std::io::copy(&mut d, &mut std::io::sink()).unwrap();
        assert_eq!(d.encoding(), None, "ASCII decides nothing");
    }

    #[test]
    fn gbk_is_located_when_named_utf8_and_detected_when_auto() {
        let file = b"id,flush-water\nP1,3.5 \xc9\xfd\n"; // 升 in GBK
        assert_eq!(
            read(file, Encoding::Auto).as_deref(),
            Ok("id,flush-water\nP1,3.5 升\n")
        );
        assert_eq!(
            read(file, Encoding::Utf8).unwrap_err(),
            "line 2, byte 22: the file is not UTF-8 (it looks like GB18030, as Excel saves \"CSV (逗号分隔)\" on Chinese Windows): read it with --encoding gb18030, or save it as \"CSV UTF-8 (逗号分隔)\""
        );
        // The rows before the fault are handed over first.
        let mut d = Decoder::new(&file[..], Encoding::Utf8);
        let mut buf = [0u8; 64];
        let n = d.read(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"id,flush-water\nP1,3.5 ");
        assert!(d.read(&mut buf).is_err());
        assert!(d.read(&mut buf).is_err(), "a fault stays");
    }

    #[test]
    fn late_gbk_after_utf8_and_late_utf8_after_gbk_are_refused_with_the_place() {
        let mut file = "id,名称\n".as_bytes().to_vec();
        file.extend(std::iter::repeat_n(b'a', 70_000));
        file.extend(b"\n\xd1\xf9\xc6\xb7\n");
        assert_eq!(
            read(&file, Encoding::Auto).unwrap_err(),
            "line 3, byte 70011: the file is not UTF-8 (it looks like GB18030, as Excel saves \"CSV (逗号分隔)\" on Chinese Windows): read it with --encoding gb18030, or save it as \"CSV UTF-8 (逗号分隔)\""
        );
        let mut file = b"id,\xc3\xfb\xb3\xc6\n".to_vec(); // 名称 in GBK
        file.extend(std::iter::repeat_n(b'a', 70_000));
        file.extend(b"\n\xff\n");
        assert_eq!(
            read(&file, Encoding::Auto).unwrap_err(),
            "line 3, byte 70009: the file is not GB18030 (the text before was read as GB18030): save it as \"CSV UTF-8 (逗号分隔)\""
        );
        // UTF-8 Chinese beyond the 64 KiB that decided reads as GB18030 pairs: the decision
        // is final. Within them, the mix is not decisive: UTF-8, refused at the first fault.
        let mut file = b"id,\xc3\xfb\xb3\xc6\n".to_vec();
        file.extend(std::iter::repeat_n(b'a', 70_000));
        file.extend("\n名称\n".as_bytes());
        let text = read(&file, Encoding::Auto).unwrap();
        assert!(text.starts_with("id,名称\n") && text.ends_with("\n鍚嶇О\n"));
        let mixed = [&b"id,\xc3\xfb\xb3\xc6\n"[..], "名称\n".as_bytes()].concat();
        assert_eq!(
            read(&mixed, Encoding::Auto).unwrap_err(),
            "line 1, byte 3: the file is not UTF-8 (nor GB18030 or UTF-16 with a byte order mark): save it as \"CSV UTF-8 (逗号分隔)\""
        );
    }

    #[test]
    fn binary_utf16_without_bom_and_workbooks_are_refused() {
        assert_eq!(
            read(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Encoding::Auto).unwrap_err(),
            "line 1, byte 0: the file is not UTF-8 text (it holds NUL bytes: a binary file?): save it as \"CSV UTF-8 (逗号分隔)\""
        );
        assert_eq!(
            read(b"i\0d\0,\0x\0\n\0", Encoding::Auto).unwrap_err(),
            "line 1, byte 1: a NUL byte in the first line: the file looks like UTF-16 LE without a byte order mark: read it with --encoding utf-16le, or save it as \"CSV UTF-8 (逗号分隔)\""
        );
        assert_eq!(
            read(b"i\0d\0,\0x\0\n\0", Encoding::Utf16Le).as_deref(),
            Ok("id,x\n")
        );
        assert_eq!(
            read(b"id\x01\x02\0\x03", Encoding::Auto).unwrap_err(),
            "line 1, byte 4: a NUL byte in the first line: the file is not text (a binary file?): save it as \"CSV UTF-8 (逗号分隔)\""
        );
        assert_eq!(
            read(b"PK\x03\x04\x14\0\0\0", Encoding::Auto).unwrap_err(),
            "line 1, byte 0: the file is an Excel workbook (.xlsx) or another zip archive, not text: read it as a workbook (a file named .xlsx), or save it as \"CSV UTF-8 (逗号分隔)\""
        );
        assert_eq!(
            read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", Encoding::Auto).unwrap_err(),
            "line 1, byte 0: the file is an Excel 97-2003 workbook (.xls), not text: save it as a workbook (.xlsx) or as \"CSV UTF-8 (逗号分隔)\""
        );
        // A NUL byte after the first line is text for the reader behind (a bad cell).
        assert_eq!(
            read(b"id\nP\x001\n", Encoding::Auto).as_deref(),
            Ok("id\nP\u{0}1\n")
        );
    }

    #[test]
    fn a_foreign_bom_and_bad_utf16_are_refused() {
        assert_eq!(
            read(b"\xef\xbb\xbfid\n", Encoding::Gb18030).unwrap_err(),
            "line 1, byte 0: the file starts with the byte order mark of UTF-8, so it is not GB18030: read it with --encoding utf-8, or save it as \"CSV UTF-8 (逗号分隔)\""
        );
        assert_eq!(
            read(b"\xff\xfei\0d\0\n\0\0\xd8x\0", Encoding::Auto).unwrap_err(),
            "line 2, byte 8: the file is not UTF-16 LE (an unpaired surrogate, or an odd byte at the end): save it as \"CSV UTF-8 (逗号分隔)\""
        );
        assert_eq!(
            read(b"\xff\xfei\0d\0\n", Encoding::Auto).unwrap_err(),
            "line 1, byte 6: the file is not UTF-16 LE (an unpaired surrogate, or an odd byte at the end): save it as \"CSV UTF-8 (逗号分隔)\""
        );
    }

    #[test]
    fn latin1_is_not_taken_for_gb18030() {
        // "cafés,crème" in Windows-1252: é and è before ASCII letters form GB18030 pairs, but
        // outside the GB2312 area.
        let file = b"id,caf\xe9s,cr\xe8me\n";
        assert!(gb18030_shape(&file[6..]).is_some_and(|s| s.text && s.pairs == 2));
        assert_eq!(decide(&file[6..], true), Encoding::Utf8);
        assert_eq!(
            read(file, Encoding::Auto).unwrap_err(),
            "line 1, byte 6: the file is not UTF-8 (nor GB18030 or UTF-16 with a byte order mark): save it as \"CSV UTF-8 (逗号分隔)\""
        );
        assert_eq!(
            read(b"id,\xff\n", Encoding::Auto).unwrap_err(),
            "line 1, byte 3: the file is not UTF-8 (nor GB18030 or UTF-16 with a byte order mark): save it as \"CSV UTF-8 (逗号分隔)\""
        );
    }

    #[test]
    fn names() {
        for (text, e) in [
            ("auto", Encoding::Auto),
            ("UTF-8", Encoding::Utf8),
            ("utf8", Encoding::Utf8),
            ("GB18030", Encoding::Gb18030),
            ("gbk", Encoding::Gb18030),
            ("cp936", Encoding::Gb18030),
            ("utf-16le", Encoding::Utf16Le),
            ("UTF_16BE", Encoding::Utf16Be),
        ] {
            assert_eq!(text.parse::<Encoding>().unwrap(), e);
            assert_eq!(e.to_string().parse::<Encoding>().unwrap(), e);
        }
        assert_eq!(
            "latin1".parse::<Encoding>().unwrap_err().to_string(),
            "encoding \"latin1\": expected auto, utf-8, gb18030, gbk, utf-16le or utf-16be"
        );
    }
}
