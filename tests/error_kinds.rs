//! Errors programs can act on (issue 13): a stable code per kind, every fault of a plan as an
//! error of its own with its path, and the span of a fault in the text it was read from.

use duibiao::{ErrorKind, Lang, Plan};

const TWO_FAULTS: &str = r#"schema_version = 1
category = { en = "t" }

[[standards]]
code = "GB 1-2000"
role = "benchmark"

[[indicators]]
id = "a"
direction = "higher-is-better"
requirements = { "GB 8-2000" = "≥ 4" }

[[indicators]]
id = "b"
unit = "L"
direction = "lower-is-better"
requirements = { "GB 9-2000" = "≤ 4 L" }
"#;

#[test]
fn a_plan_that_fails_its_check_lists_every_fault_with_its_path() {
    let plan = Plan::from_toml_str(TWO_FAULTS).unwrap();
    let err = plan.compile().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Faults);
    assert_eq!(err.code(), "faults");
    assert!(err.is_plan());
    let paths: Vec<&str> = err.faults().iter().filter_map(|f| f.path()).collect();
    assert_eq!(
        paths,
        [
            r#"indicators[0].requirements."GB 8-2000""#,
            r#"indicators[1].requirements."GB 9-2000""#,
            "standards[0]"
        ]
    );
    // The faults of the same plan read with its text carry their spans.
    let (_, report) = Plan::read_toml(TWO_FAULTS, &duibiao::Limits::default()).unwrap();
    let spans: Vec<(usize, usize)> = report
        .errors()
        .map(|f| f.span.map(|s| (s.line, s.column)).unwrap())
        .collect();
    assert_eq!(spans.len(), 3);
    let quoted: Vec<&str> = report
        .errors()
        .map(|f| f.span.unwrap())
        .map(|s| &TWO_FAULTS[s.start..s.end])
        .collect();
    assert_eq!(quoted[..2], ["\"GB 8-2000\"", "\"GB 9-2000\""]);
    for (fault, (line, _)) in report.errors().zip(&spans) {
        let span = fault.span.unwrap();
        assert_eq!(TWO_FAULTS[..span.start].matches('\n').count() + 1, *line);
    }
    // Each fault is itself an error, and renders in both languages.
    for fault in err.faults() {
        assert_eq!(fault.kind(), ErrorKind::Plan);
        assert!(!fault.message(Lang::En).is_empty());
    }
}

#[test]
fn each_kind_has_its_code() {
    let cases: [(Result<(), duibiao::Error>, ErrorKind); 5] = [
        (
            "≥ abc".parse::<duibiao::Limit>().map(drop),
            ErrorKind::Syntax,
        ),
        (
            "fathom".parse::<duibiao::Unit>().map(drop),
            ErrorKind::UnknownUnit,
        ),
        (
            duibiao::unit::convert_value(
                "1".parse().unwrap(),
                &"kg".parse().unwrap(),
                &"m".parse().unwrap(),
            )
            .map(drop),
            ErrorKind::Incompatible,
        ),
        (
            Plan::from_toml_str("schema_version = 99").map(drop),
            ErrorKind::Plan,
        ),
        (
            "3".parse::<duibiao::rounding::Interval>().map(drop),
            ErrorKind::Invalid,
        ),
    ];
    for (result, kind) in cases {
        let err = result.unwrap_err();
        assert_eq!(err.kind(), kind, "{err}");
        assert_eq!(err.code(), kind.code());
        // Clone keeps everything.
        assert_eq!(err.clone().to_string(), err.to_string());
    }
}

#[test]
fn a_plan_that_is_no_plan_carries_the_span_of_its_fault() {
    let text = "schema_version = 1\ncategory = { en = \"t\" }\n[[indicators]]\nid = \"a\"\ndirection = \"sideways\"\n";
    let err = Plan::from_toml_str(text).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Plan);
    let span = err.span().expect("a reader's fault has its span");
    assert_eq!((span.line, span.column), (5, 13));
    assert_eq!(&text[span.start..span.end], "\"sideways\"");
    assert!(err.to_string().starts_with("line 5, column 13: "), "{err}");
}
