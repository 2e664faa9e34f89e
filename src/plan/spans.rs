//! Where the parts of a plan are in its text: an index from a plan path
//! (`indicators[2].requirements."GB/T 23131-2019"`) to the byte spans of the key and the value,
//! built once from the TOML reader's own spans or from one scan of the JSON text, so that every
//! fault is located by a lookup, never by searching the text.
//!
//! Only the parts of a plan that a fault can name are indexed: the standards, the indicators
//! with their requirements, grades and bands, and the policy. Anything else (a name, a title,
//! an unknown field the reader refuses) is one leaf, whatever it holds, so the index is never
//! larger than the plan the reader accepts.

use std::ops::Range;

/// Which span of an entry a fault points at: its key (`weight = …`) or its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum At {
    /// The key of the entry (the whole entry's start); a value where there is no key.
    Key,
    /// The value.
    Value,
}

/// The parts a fault can name, to decide which entries are indexed below a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Root,
    Standards,
    Standard,
    Adoption,
    Indicators,
    Indicator,
    Requirements,
    Grades,
    Grade,
    Bands,
    BandList,
    Band,
    Policy,
    Attributes,
    Attribute,
    AttributeValues,
    AttributeValue,
    /// Not looked into.
    Leaf,
}

impl Part {
    /// The part an entry `key` of a table of this part is.
    fn entry(self, key: &str) -> Part {
        match (self, key) {
            (Part::Root, "standards") => Part::Standards,
            (Part::Root, "indicators") => Part::Indicators,
            (Part::Root, "policy") => Part::Policy,
            (Part::Standard, "adoption") => Part::Adoption,
            (Part::Indicator | Part::Band, "requirements") => Part::Requirements,
            (Part::Root, "attributes") => Part::Attributes,
            (Part::Attribute, "values") => Part::AttributeValues,
            (Part::Indicator | Part::Band, "grades") => Part::Grades,
            (Part::Indicator, "bands") => Part::Bands,
            (Part::Bands, "bands") => Part::BandList,
            _ => Part::Leaf,
        }
    }

    /// The part an item of an array of this part is.
    fn item(self) -> Part {
        match self {
            Part::Standards => Part::Standard,
            Part::Indicators => Part::Indicator,
            Part::Grades => Part::Grade,
            Part::BandList => Part::Band,
            Part::Attributes => Part::Attribute,
            Part::AttributeValues => Part::AttributeValue,
            _ => Part::Leaf,
        }
    }
}

#[derive(Debug)]
struct Node {
    /// The key of a table entry (empty for an array item and the document).
    name: Box<str>,
    key: Option<Range<usize>>,
    value: Option<Range<usize>>,
    /// Table entries sorted by name, or array items in order.
    children: Vec<u32>,
    keyed: bool,
}

/// The byte spans of the indexed parts of a plan text.
#[derive(Debug, Default)]
pub(crate) struct Spans {
    nodes: Vec<Node>,
}

/// One segment of a plan path.
#[derive(Debug, PartialEq, Eq)]
enum Segment<'p> {
    Key(&'p str),
    Index(usize),
}

/// The segments of a plan path as the checker writes them: keys separated by `.`, a key in
/// double quotes when it may hold other characters (a requirement's standard number), indices
/// in brackets. The path `plan` is the document itself.
fn segments(path: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut rest = path;
    if rest == "plan" {
        return out;
    }
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            rest = r;
        }
        if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']').unwrap_or(r.len());
            let Some(n) = r.get(..end).and_then(|d| d.parse().ok()) else {
                break;
            };
            out.push(Segment::Index(n));
            rest = r.get(end + 1..).unwrap_or_default();
        } else if let Some(r) = rest.strip_prefix('"') {
            // The key ends at the first quote followed by the end, a `.` or a `[`.
            let end = r
                .match_indices('"')
                .map(|(k, _)| k)
                .find(|&k| {
                    r.get(k + 1..)
                        .is_some_and(|after| after.is_empty() || after.starts_with(['.', '[']))
                })
                .unwrap_or(r.len());
            out.push(Segment::Key(r.get(..end).unwrap_or(r)));
            rest = r.get(end + 1..).unwrap_or_default();
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            out.push(Segment::Key(rest.get(..end).unwrap_or(rest)));
            rest = rest.get(end..).unwrap_or_default();
        }
    }
    out
}

impl Spans {
    fn push(&mut self, name: &str, key: Option<Range<usize>>, value: Option<Range<usize>>) -> u32 {
        let id = u32::try_from(self.nodes.len()).unwrap_or(u32::MAX);
        self.nodes.push(Node {
            name: name.into(),
            key,
            value,
            children: Vec::new(),
            keyed: false,
        });
        id
    }

    fn node(&self, id: u32) -> Option<&Node> {
        self.nodes.get(usize::try_from(id).ok()?)
    }

    fn node_mut(&mut self, id: u32) -> Option<&mut Node> {
        self.nodes.get_mut(usize::try_from(id).ok()?)
    }

    /// Sorts table entries by name, so a lookup is a binary search, and gives each node
    /// without a span of its own (a table made by dotted keys) the span of its key or of
    /// its entries.
    fn finish(&mut self) {
        for k in (0..self.nodes.len()).rev() {
            let Some(node) = self.nodes.get(k) else {
                continue;
            };
            let mut children = node.children.clone();
            if node.keyed {
                children.sort_by(|a, b| {
                    let name = |id: &u32| self.node(*id).map(|n| &*n.name).unwrap_or_default();
                    name(a).cmp(name(b))
                });
            }
            let inner = children
                .iter()
                .filter_map(|&c| self.node(c))
                .filter_map(|c| c.key.clone().or_else(|| c.value.clone()))
                .reduce(|a, b| a.start.min(b.start)..a.end.max(b.end));
            if let Some(node) = self.nodes.get_mut(k) {
                node.children = children;
                if node.value.is_none() {
                    node.value = node.key.clone().or(inner);
                }
            }
        }
    }

    /// The span of `path` (the key or the value, as `at` says), or of the nearest enclosing
    /// part that has one; the whole text's start when nothing is found.
    pub(crate) fn find(&self, path: &str, at: At) -> Option<Range<usize>> {
        let mut current = self.node(0)?;
        let mut found = true;
        for segment in segments(path) {
            let next = match segment {
                Segment::Index(n) if !current.keyed => current.children.get(n).copied(),
                Segment::Key(name) if current.keyed => current
                    .children
                    .binary_search_by(|&c| {
                        self.node(c).map(|n| &*n.name).unwrap_or_default().cmp(name)
                    })
                    .ok()
                    .and_then(|k| current.children.get(k).copied()),
                _ => None,
            };
            match next.and_then(|n| self.node(n)) {
                Some(n) => current = n,
                None => {
                    found = false;
                    break;
                }
            }
        }
        match (found, at) {
            (true, At::Key) => current.key.clone().or_else(|| current.value.clone()),
            _ => current.value.clone().or_else(|| current.key.clone()),
        }
    }

    /// The index of a TOML document read by `toml_edit`.
    pub(crate) fn of_toml<S: AsRef<str>>(doc: &toml_edit::ImDocument<S>) -> Spans {
        let mut spans = Spans::default();
        let root = spans.push("", None, Some(0..doc.raw().len()));
        let mut work: Vec<(u32, Part, Container<'_>)> =
            vec![(root, Part::Root, Container::Table(doc.as_table()))];
        while let Some((id, part, container)) = work.pop() {
            let mut entries: Vec<(&str, Option<Range<usize>>, Entry<'_>, Part)> = Vec::new();
            match container {
                Container::Table(t) => {
                    for (name, item) in t.iter() {
                        // A table written with a header (`[policy]`, `[[indicators]]`) is
                        // pointed at by its header, its span's start.
                        let header = matches!(item, toml_edit::Item::ArrayOfTables(_))
                            || item
                                .as_table()
                                .is_some_and(|t| !t.is_dotted() && !t.is_implicit());
                        let key = if header {
                            None
                        } else {
                            t.key(name).and_then(toml_edit::Key::span)
                        };
                        entries.push((name, key, Entry::Item(item), part.entry(name)));
                    }
                }
                Container::Inline(t) => {
                    for (name, value) in t.iter() {
                        let key = t.key(name).and_then(toml_edit::Key::span);
                        entries.push((name, key, Entry::Value(value), part.entry(name)));
                    }
                }
                Container::Array(a) => {
                    for value in a.iter() {
                        entries.push(("", None, Entry::Value(value), part.item()));
                    }
                }
                Container::Tables(a) => {
                    for table in a.iter() {
                        entries.push(("", None, Entry::Table(table), part.item()));
                    }
                }
            }
            let keyed = matches!(container, Container::Table(_) | Container::Inline(_));
            let mut children = Vec::with_capacity(entries.len());
            for (name, key, entry, part) in entries {
                let child = spans.push(name, key, entry.span());
                children.push(child);
                if part != Part::Leaf {
                    if let Some(c) = entry.container() {
                        work.push((child, part, c));
                    }
                }
            }
            if let Some(node) = spans.node_mut(id) {
                node.children = children;
                node.keyed = keyed;
            }
        }
        spans.finish();
        spans
    }
}

/// A TOML table or array whose entries are indexed.
#[derive(Clone, Copy)]
enum Container<'d> {
    Table(&'d toml_edit::Table),
    Inline(&'d toml_edit::InlineTable),
    Array(&'d toml_edit::Array),
    Tables(&'d toml_edit::ArrayOfTables),
}

/// One entry of a TOML table or array.
#[derive(Clone, Copy)]
enum Entry<'d> {
    Item(&'d toml_edit::Item),
    Value(&'d toml_edit::Value),
    Table(&'d toml_edit::Table),
}

impl<'d> Entry<'d> {
    fn span(self) -> Option<Range<usize>> {
        match self {
            Entry::Item(i) => i.span(),
            Entry::Value(v) => v.span(),
            Entry::Table(t) => t.span(),
        }
    }

    fn container(self) -> Option<Container<'d>> {
        let value = |v: &'d toml_edit::Value| match v {
            toml_edit::Value::Array(a) => Some(Container::Array(a)),
            toml_edit::Value::InlineTable(t) => Some(Container::Inline(t)),
            _ => None,
        };
        match self {
            Entry::Item(toml_edit::Item::Table(t)) | Entry::Table(t) => Some(Container::Table(t)),
            Entry::Item(toml_edit::Item::ArrayOfTables(a)) => Some(Container::Tables(a)),
            Entry::Item(toml_edit::Item::Value(v)) | Entry::Value(v) => value(v),
            Entry::Item(toml_edit::Item::None) => None,
        }
    }
}

/// What one scan of a JSON text found: the depth of its nesting, the span of the top-level
/// `schema_version`'s value, and, when asked for, the index of its spans. `None` when the text
/// is not well-formed JSON (its reader then says where).
pub(crate) struct JsonScan {
    pub(crate) depth: usize,
    pub(crate) schema_version: Option<Range<usize>>,
    pub(crate) spans: Option<Spans>,
}

/// What comes next in an open JSON object or array.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Just after `{` or `[`: a key (object) or value (array), or the closing bracket.
    First,
    /// After `,` in an object.
    Key,
    /// After a key.
    Colon,
    /// After `:` or, in an array, `,`.
    Value,
    /// After a value: `,` or the closing bracket.
    Next,
}

/// An open JSON object or array while scanning.
struct Open {
    /// Its node, when it has one.
    id: Option<u32>,
    part: Part,
    object: bool,
    /// Whether its entries get nodes.
    indexed: bool,
    start: usize,
    expect: Expect,
    /// The key just read, waiting for its value.
    key: Option<(String, Range<usize>)>,
    /// It is the value of the top-level `schema_version`.
    version: bool,
}

/// Scans a JSON text once, iteratively (no recursion, so no depth overflows the stack).
pub(crate) fn scan_json(text: &str, index: bool) -> Option<JsonScan> {
    let bytes = text.as_bytes();
    let mut spans = Spans::default();
    let mut stack: Vec<Open> = Vec::new();
    let mut depth = 0usize;
    let mut schema_version = None;
    let mut done = false;
    // A leading byte order mark is whitespace to this scan.
    let mut at = if text.starts_with('\u{feff}') { 3 } else { 0 };
    loop {
        while bytes
            .get(at)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            at += 1;
        }
        let Some(&b) = bytes.get(at) else {
            break;
        };
        let (object, expect) = match stack.last() {
            None if done => return None,
            None => (false, Expect::Value),
            Some(open) => (open.object, open.expect),
        };
        match (object, expect, b) {
            (true, Expect::First | Expect::Next, b'}')
            | (false, Expect::First | Expect::Next, b']') => {
                let open = stack.pop()?;
                at += 1;
                if let Some(node) = open.id.and_then(|id| spans.node_mut(id)) {
                    node.value = Some(open.start..at);
                }
                if open.version {
                    schema_version = Some(open.start..at);
                }
                after_value(&mut stack, &mut done);
            }
            (_, Expect::Next, b',') => {
                let open = stack.last_mut()?;
                open.expect = if object { Expect::Key } else { Expect::Value };
                at += 1;
            }
            (true, Expect::First | Expect::Key, b'"') => {
                let end = string_end(bytes, at)?;
                let name: String = serde_json::from_str(text.get(at..end)?).ok()?;
                let open = stack.last_mut()?;
                open.key = Some((name, at..end));
                open.expect = Expect::Colon;
                at = end;
            }
            (true, Expect::Colon, b':') => {
                stack.last_mut()?.expect = Expect::Value;
                at += 1;
            }
            (true, Expect::Value, _) | (false, Expect::First | Expect::Value, _) => {
                let start = at;
                if b == b'{' || b == b'[' {
                    let part = match stack.last() {
                        None => Part::Root,
                        Some(open) => match &open.key {
                            Some((name, _)) => open.part.entry(name),
                            None => open.part.item(),
                        },
                    };
                    let version = stack.len() == 1 && open_key_is(&stack, "schema_version");
                    let id = match stack.last_mut() {
                        None if index => Some(spans.push("", None, None)),
                        Some(open) if open.indexed => Some(child(&mut spans, open, None)),
                        _ => None,
                    };
                    let object = b == b'{';
                    if let Some(node) = id.and_then(|id| spans.node_mut(id)) {
                        node.keyed = object;
                    }
                    stack.push(Open {
                        id,
                        part,
                        object,
                        indexed: index && part != Part::Leaf,
                        start,
                        expect: Expect::First,
                        key: None,
                        version,
                    });
                    depth = depth.max(stack.len());
                    at += 1;
                    continue;
                }
                let end = if b == b'"' {
                    string_end(bytes, at)?
                } else {
                    let len = bytes
                        .get(at..)?
                        .iter()
                        .take_while(|c| {
                            c.is_ascii_alphanumeric() || matches!(c, b'-' | b'+' | b'.')
                        })
                        .count();
                    let token = text.get(at..at + len)?;
                    if !(matches!(token, "true" | "false" | "null")
                        || serde_json::from_str::<serde_json::Number>(token).is_ok())
                    {
                        return None;
                    }
                    at + len
                };
                at = end;
                if stack.len() == 1 && open_key_is(&stack, "schema_version") {
                    schema_version = Some(start..end);
                }
                if let Some(open) = stack.last_mut().filter(|o| o.indexed) {
                    child(&mut spans, open, Some(start..end));
                }
                after_value(&mut stack, &mut done);
            }
            _ => return None,
        }
    }
    if !stack.is_empty() || !done {
        return None;
    }
    Some(JsonScan {
        depth,
        schema_version,
        spans: index.then(|| {
            spans.finish();
            spans
        }),
    })
}

/// Whether the innermost open object's pending key is `name`.
fn open_key_is(stack: &[Open], name: &str) -> bool {
    stack
        .last()
        .is_some_and(|o| o.object && o.key.as_ref().is_some_and(|(k, _)| k == name))
}

/// Adds a node for the value read next in `open` (taking its pending key), returns its id.
fn child(spans: &mut Spans, open: &mut Open, value: Option<Range<usize>>) -> u32 {
    let (name, key) = match open.key.take() {
        Some((name, key)) => (name, Some(key)),
        None => (String::new(), None),
    };
    let id = spans.push(&name, key, value);
    if let Some(parent) = open.id.and_then(|p| spans.node_mut(p)) {
        parent.children.push(id);
    }
    id
}

/// A value was read in the innermost open container, or the document is done.
fn after_value(stack: &mut [Open], done: &mut bool) {
    match stack.last_mut() {
        None => *done = true,
        Some(open) => {
            open.key = None;
            open.expect = Expect::Next;
        }
    }
}

/// The end (past the closing quote) of the JSON string starting at `start`.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut k = start + 1;
    loop {
        match bytes.get(k)? {
            b'"' => return Some(k + 1),
            b'\\' => k += 2,
            _ => k += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_keys_and_indices() {
        assert_eq!(segments("plan"), []);
        assert_eq!(
            segments(r#"indicators[2].requirements."GB/T 23131-2019""#),
            [
                Segment::Key("indicators"),
                Segment::Index(2),
                Segment::Key("requirements"),
                Segment::Key("GB/T 23131-2019")
            ]
        );
        assert_eq!(
            segments(r#"a."x.y".b[10]"#),
            [
                Segment::Key("a"),
                Segment::Key("x.y"),
                Segment::Key("b"),
                Segment::Index(10)
            ]
        );
        // A quote inside a quoted key does not end it unless the path goes on after it.
        assert_eq!(
            segments(r#"r."a"b""#),
            [Segment::Key("r"), Segment::Key(r#"a"b"#)]
        );
    }

    #[test]
    fn json_depth_and_version() {
        let depth = |s: &str| scan_json(s, false).map(|s| s.depth);
        assert_eq!(depth("1"), Some(0));
        assert_eq!(depth("[]"), Some(1));
        assert_eq!(depth("[1, {}]"), Some(2));
        assert_eq!(depth(r#"{"a": [[1]], "b": 2}"#), Some(3));
        for bad in [
            "",
            "[1,]",
            "{\"a\" 1}",
            "{\"a\": 1,}",
            "[1 2]",
            "{1: 2}",
            "[",
            "]",
            "1 2",
            "[tru]",
            "{\"a\": }",
            "[1}",
            "{\"a\": 1]",
            "\"abc",
        ] {
            assert!(scan_json(bad, true).is_none(), "{bad:?}");
        }
        let text = r#"{"x": {"schema_version": 9}, "schema_version": 1}"#;
        let scan = scan_json(text, false).unwrap();
        assert_eq!(scan.schema_version.map(|r| &text[r]), Some("1"));
    }

    #[test]
    fn json_spans_of_keys_and_values() {
        let text = r#"{"standards": [{"code": "GB\/T 1-2000", "role": "benchmark"}],
 "category": {"en": "t", "x": [1, 2, {"deep": 3}]},
 "indicators": [{"id": "a", "requirements": {"GB/T 1-2000": "≤ 4"}}]}"#;
        let spans = scan_json(text, true).unwrap().spans.unwrap();
        let at = |path: &str, at: At| spans.find(path, at).map(|r| &text[r]);
        assert_eq!(
            at("standards[0].code", At::Value),
            Some(r#""GB\/T 1-2000""#)
        );
        assert_eq!(at("standards[0].code", At::Key), Some(r#""code""#));
        assert_eq!(
            at(r#"indicators[0].requirements."GB/T 1-2000""#, At::Key),
            Some(r#""GB/T 1-2000""#)
        );
        assert_eq!(
            at(r#"indicators[0].requirements."GB/T 1-2000""#, At::Value),
            Some(r#""≤ 4""#)
        );
        // Not written: the nearest enclosing part.
        assert_eq!(
            at("indicators[0].weight", At::Key),
            at("indicators[0]", At::Value)
        );
        assert!(at("indicators[0]", At::Value)
            .unwrap()
            .starts_with(r#"{"id""#));
        // A names table is one leaf, whatever it holds.
        assert_eq!(
            at("category.x", At::Value),
            Some(r#"{"en": "t", "x": [1, 2, {"deep": 3}]}"#)
        );
        assert_eq!(spans.nodes.len(), 11);
    }

    #[test]
    fn toml_spans_of_keys_values_and_headers() {
        let text = "schema_version = 1\ncategory = { en = \"t\", x = [1, 2] }\n\n[[standards]]\ncode = \"GB/T 1-2000\"\n\n[[indicators]]\nid = \"a\"\nname.en = \"A\"\n[indicators.requirements]\n\"GB/T 1-2000\" = \"≤ 4\"\n[[indicators.grades]]\nlimit = \"≤ 3\"\n";
        let doc = toml_edit::ImDocument::parse(text).unwrap();
        let spans = Spans::of_toml(&doc);
        let at = |path: &str, at: At| spans.find(path, at).map(|r| &text[r]);
        assert_eq!(at("standards[0].code", At::Value), Some("\"GB/T 1-2000\""));
        assert_eq!(at("standards[0].code", At::Key), Some("code"));
        assert!(at("standards", At::Key)
            .unwrap()
            .starts_with("[[standards]]"));
        assert!(at("indicators[0].requirements", At::Key)
            .unwrap()
            .starts_with("[indicators.requirements]"));
        assert_eq!(
            at(r#"indicators[0].requirements."GB/T 1-2000""#, At::Key),
            Some("\"GB/T 1-2000\"")
        );
        assert_eq!(
            at("indicators[0].grades[0].limit", At::Value),
            Some("\"≤ 3\"")
        );
        assert!(at("indicators[0].grades", At::Key)
            .unwrap()
            .starts_with("[[indicators.grades]]"));
        assert_eq!(at("indicators[0].name", At::Key), Some("name"));
        assert_eq!(at("plan", At::Value), Some(text));
        assert_eq!(at("policy.leader-share", At::Key), Some(text));
    }
}
