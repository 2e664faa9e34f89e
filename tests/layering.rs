//! The module layering of `docs/design.md` holds: every `crate::module` path in a library
//! source file names a module of the same layer or a lower one, and the imports within a layer
//! make no circle.

use std::collections::{BTreeMap, BTreeSet};

/// The layers, lowest first, as `docs/design.md` lists them.
const LAYERS: &[&[&str]] = &[
    &[
        "error",
        "number",
        "text",
        "schema_text",
        "unique",
        "encoding",
    ],
    &[
        "rounding",
        "unit",
        "standard",
        "limit",
        "measurement",
        "decision",
        "limits",
    ],
    &["indicator", "plan"],
    &["model"],
    &["product"],
    &["verdict", "engine"],
    &["stream"],
    &["rank"],
    &["report"],
    &["lib"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The top module a file under `src/` belongs to (`src/engine/fast.rs` → `engine`).
fn module_of(path: &std::path::Path, src: &std::path::Path) -> String {
    let rel = path.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_owned()
}

fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if !path.ends_with("bin") {
                files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The modules a source text names as `crate::module` (comments and doc lines left out).
fn imports(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if name.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
                out.insert(name);
            }
        }
    }
    out
}

#[test]
fn modules_import_only_down_the_layers_and_never_in_a_circle() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    files(&src, &mut paths);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in &paths {
        let from = module_of(path, &src);
        let text = std::fs::read_to_string(path).unwrap();
        let from_layer = layer(&from).unwrap_or_else(|| panic!("{from}: in no layer"));
        for to in imports(&text) {
            if to == from {
                continue;
            }
            let to_layer =
                layer(&to).unwrap_or_else(|| panic!("{to} (named in {path:?}): in no layer"));
            assert!(
                to_layer <= from_layer,
                "{}: module {from} imports {to}, which is above it",
                path.display()
            );
            graph.entry(from.clone()).or_default().insert(to);
        }
    }
    // No circle: a depth-first walk never meets a module on its own path.
    fn walk(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if let Some(k) = path.iter().position(|p| p == m) {
            panic!("a circle: {} → {m}", path[k..].join(" → "));
        }
        if !done.insert(m.to_owned()) {
            return;
        }
        path.push(m.to_owned());
        for next in graph.get(m).into_iter().flatten() {
            walk(next, graph, path, done);
        }
        path.pop();
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        walk(m, &graph, &mut Vec::new(), &mut done);
    }
    assert!(graph.len() > 10, "too few modules read: {graph:?}");
}
