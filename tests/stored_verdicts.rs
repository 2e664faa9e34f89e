//! `duibiao report --verdicts FILE`: the report built from stored verdicts (`evaluate --format
//! json` or `--format jsonl`) is, byte for byte, the report built from the products; a broken
//! verdicts file is refused (exit 2), an unreadable entry is left out (exit 1).

mod common;

use std::path::Path;

fn plan(name: &str) -> String {
    format!("{}/examples/plans/{name}.toml", env!("CARGO_MANIFEST_DIR"))
}

fn products(name: &str) -> String {
    format!(
        "{}/examples/plans/{name}.products.csv",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Runs the command line: stdout, stderr and the exit status.
fn run(args: &[&str]) -> (Vec<u8>, String, i32) {
    let out = common::duibiao().args(args).output().unwrap();
    (
        out.stdout,
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

fn write(dir: &Path, file: &str, bytes: &[u8]) -> String {
    let path = dir.join(file);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("duibiao-stored-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_report_from_stored_verdicts_is_the_report_from_the_products() {
    for name in [
        "smart-toilet",
        "room-air-conditioner",
        "steel-and-caustic-soda",
        "led-lamp",
    ] {
        let dir = temp_dir(name);
        let (plan, products) = (plan(name), products(name));
        let (json, _, _) = run(&[
            "evaluate",
            &plan,
            "--products",
            &products,
            "--format",
            "json",
        ]);
        let (jsonl, _, _) = run(&[
            "evaluate",
            &plan,
            "--products",
            &products,
            "--format",
            "jsonl",
        ]);
        assert!(json.starts_with(b"["), "{name}");
        let files = [
            write(&dir, "v.json", &json),
            write(&dir, "v.jsonl", &jsonl),
            write(&dir, "v.ndjson", &jsonl),
            // No telling extension: told by the first byte.
            write(&dir, "v-array.txt", &json),
            write(&dir, "v-lines.txt", &jsonl),
        ];
        for format in ["md", "csv", "json", "html"] {
            let base = ["report", &plan, "--format", format, "--date", "2026-12-01"];
            let (want, want_err, want_code) =
                run(&[&base[..], &["--products", &products]].concat());
            assert!(want.len() > 100, "{name} {format}");
            assert_eq!(want_code, 0, "{name} {format}: {want_err}");
            for file in &files {
                let (have, err, code) = run(&[&base[..], &["--verdicts", file]].concat());
                assert!(have == want, "{name} {format} {file}: the reports differ");
                assert_eq!((code, err.as_str()), (0, ""), "{name} {format} {file}");
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn a_broken_verdicts_file_is_refused_and_a_bad_entry_left_out() {
    let name = "smart-toilet";
    let dir = temp_dir("bad");
    let (plan, products) = (plan(name), products(name));
    let (jsonl, _, _) = run(&[
        "evaluate",
        &plan,
        "--products",
        &products,
        "--format",
        "jsonl",
    ]);
    let text = String::from_utf8(jsonl).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() > 3);
    // The array cut short: a fault of the file, located; nothing is written.
    let cut = format!("[{},\n{}", lines[0], &lines[1][..20]);
    let file = write(&dir, "cut.json", cut.as_bytes());
    let (out, err, code) = run(&["report", &plan, "--verdicts", &file]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains(&format!(
            "{file}: verdicts: line 2, column 21: end of file while parsing a list"
        )),
        "{err}"
    );
    // One entry unreadable: left out with its error on stderr, exit 1; the report is that of
    // the others.
    let mut bad = lines.clone();
    bad[1] = r#"{"schema-version": 1, "product": 7}"#;
    let file = write(&dir, "bad.jsonl", bad.join("\n").as_bytes());
    let (out, err, code) = run(&[
        "report",
        &plan,
        "--verdicts",
        &file,
        "--date",
        "2026-12-01",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(&format!("{file}: line 2, column ")), "{err}");
    assert!(err.contains("(left out)"), "{err}");
    let mut rest = lines.clone();
    rest.remove(1);
    let file = write(&dir, "rest.jsonl", rest.join("\n").as_bytes());
    let (want, _, code) = run(&[
        "report",
        &plan,
        "--verdicts",
        &file,
        "--date",
        "2026-12-01",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    assert_eq!(out, want);
    // Verdicts of another plan: each left out, naming the entry and the product.
    let file = write(&dir, "other.jsonl", text.as_bytes());
    let (_, err, code) = run(&["report", &self::plan("led-lamp"), "--verdicts", &file]);
    assert_eq!(code, 1);
    assert!(
        err.contains(r#"line 1: product "ST-001": the verdict's indicators "flush-water, standby-power, water-temperature, leakage-current" are not the plan's"#),
        "{err}"
    );
    // Standard input: told by the first byte, a JSON array or JSON Lines alike.
    for stored in [
        text.clone().into_bytes(),
        format!("[{}]", lines.join(",")).into_bytes(),
    ] {
        use std::io::Write as _;
        let mut child = common::duibiao()
            .args(["report", &plan, "--verdicts", "-", "--date", "2026-12-01"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(&stored).unwrap();
        let out = child.wait_with_output().unwrap();
        let (want, _, _) = run(&[
            "report",
            &plan,
            "--products",
            &products,
            "--date",
            "2026-12-01",
        ]);
        assert!(out.status.success());
        assert!(out.stdout == want, "the reports differ");
    }
    // --products and --verdicts: one at a time.
    let (_, _, code) = run(&[
        "report",
        &plan,
        "--products",
        &products,
        "--verdicts",
        &file,
    ]);
    assert_eq!(code, 2);
    std::fs::remove_dir_all(&dir).unwrap();
}
