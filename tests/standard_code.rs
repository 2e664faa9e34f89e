//! Standard numbers: published vectors, every family as a table, error messages word for word,
//! and the round-trip law over generated codes.

use std::collections::HashSet;

use duibiao::{
    Adoption, AdoptionDegree, AmendmentKind, Family, Lang, Level, Names, Standard, StandardCode,
    StandardKind, Status,
};
use proptest::prelude::*;

#[track_caller]
fn parse(text: &str) -> StandardCode {
    match text.parse::<StandardCode>() {
        Ok(code) => code,
        Err(e) => panic!("{text:?} did not parse: {e}"),
    }
}

#[track_caller]
fn assert_canonical(input: &str, canonical: &str) {
    let code = parse(input);
    assert_eq!(code.to_string(), canonical, "canonical form of {input:?}");
    let again = parse(canonical);
    assert_eq!(again, code, "re-reading {canonical:?}");
    assert_eq!(again.to_string(), canonical, "fixed point of {canonical:?}");
}

#[track_caller]
fn assert_error(input: &str, message: &str) {
    match input.parse::<StandardCode>() {
        Ok(code) => panic!("{input:?} parsed as {code}, expected the error {message:?}"),
        Err(e) => {
            assert!(e.is_syntax() || e.is_invalid(), "{e:?}");
            assert_eq!(e.to_string(), message);
        }
    }
}

/// `/work/shared/vectors/codes.csv`, copied verbatim: every row names its source.
#[test]
fn published_vectors() {
    let data = include_str!("data/codes.csv");
    let mut rows = 0;
    for (i, line) in data.lines().enumerate().skip(1) {
        let fields: Vec<&str> = line.splitn(4, ',').collect();
        let [input, canonical, year, source] = fields[..] else {
            panic!("line {}: expected four fields", i + 1);
        };
        let code = parse(input);
        assert_eq!(code.to_string(), canonical, "line {}: {source}", i + 1);
        let expected_year = if year.is_empty() {
            None
        } else {
            Some(year.parse::<u16>().unwrap())
        };
        assert_eq!(code.year(), expected_year, "line {}: {source}", i + 1);
        assert_eq!(code.is_dated(), expected_year.is_some());
        rows += 1;
    }
    assert_eq!(rows, 11);
}

/// Every example of domain.md §7 is already canonical, except the old two-digit year.
#[test]
fn domain_examples() {
    for text in [
        "GB 4706.1-2005",
        "GB/T 8170-2008",
        "JB/T 13368-2018",
        "YB/T 081-2013",
        "DB52/T 380-2017",
        "T/CZGX 001-2022",
        "Q/MP102-2021",
        "GB 4706.1-2005/XG1-2006",
        "GB/T 19001-2016/ISO 9001:2015",
        "GB 6952",
        "ISO 14044:2006/Amd 2:2020",
        "ISO/IEC 27001:2013",
        "IEC 60335-2-84:2005",
        "IEC 60529:1989+AMD1:1999+AMD2:2013 CSV",
        "ITU-T Rec. G.8013/Y.1731 (08/2019)",
        "ITU-R BT.709-6",
        "ASTM D3745/D3745M-95(2015)e1",
        "JIS A 4422:2011",
        "BS EN ISO 4413:2010",
        "EN 60335-1:2012+A11:2014",
        "DIN EN ISO 9001:2015-11",
    ] {
        assert_canonical(text, text);
    }
    assert_canonical("GB 8170—87", "GB 8170-1987");
    assert_canonical("GB/T8170-2008", "GB/T 8170-2008");
}

#[test]
fn every_family() {
    let table = [
        // Chinese national
        ("GB 4706.1-2005", "GB 4706.1-2005"),
        ("GB/T 8170—2008", "GB/T 8170-2008"),
        ("GB/T 8170–2008", "GB/T 8170-2008"),
        ("GB/T 8170－2008", "GB/T 8170-2008"),
        ("GB／T 8170－2008", "GB/T 8170-2008"),
        ("ＧＢ／Ｔ　８１７０－２００８", "GB/T 8170-2008"),
        ("  GB/T   8170 - 2008  ", "GB/T 8170-2008"),
        ("GB/Z 20000.1-2001", "GB/Z 20000.1-2001"),
        ("GBZ 2.1-2019", "GBZ 2.1-2019"),
        ("GB 8170-87", "GB 8170-1987"),
        ("GB/T 1.1-09", "GB/T 1.1-2009"),
        ("GB 1-58", "GB 1-1958"),
        ("GB 6952", "GB 6952"),
        // industry
        ("JB/T13368-2018", "JB/T 13368-2018"),
        ("YB/T 081-2013", "YB/T 081-2013"),
        ("HJ 2.2-2018", "HJ 2.2-2018"),
        ("QB/T 1234-2010", "QB/T 1234-2010"),
        ("SN/T 1234.5—2010", "SN/T 1234.5-2010"),
        ("NY/T 391-2021", "NY/T 391-2021"),
        ("JJF 1059.1-2012", "JJF 1059.1-2012"),
        // local
        ("DB52/T 380—2017", "DB52/T 380-2017"),
        ("DB52/T380-2017", "DB52/T 380-2017"),
        ("DB11/ 139-2015", "DB11/ 139-2015"),
        ("DB11/139-2015", "DB11/ 139-2015"),
        ("DB3301/T 0281-2019", "DB3301/T 0281-2019"),
        // group
        ("T/CZGX 001-2022", "T/CZGX 001-2022"),
        ("T/CZGX001-2022", "T/CZGX 001-2022"),
        // enterprise
        ("Q/MP102-2021", "Q/MP102-2021"),
        ("Q/ABC 001-2024", "Q/ABC 001-2024"),
        ("Q/ABC  001—2024", "Q/ABC 001-2024"),
        // amendment sheets and dual numbers
        ("GB 4706.1-2005/XG1-2006", "GB 4706.1-2005/XG1-2006"),
        ("GB 4706.1-2005 / XG1—2006", "GB 4706.1-2005/XG1-2006"),
        (
            "GB/T 19001—2016/ISO 9001:2015",
            "GB/T 19001-2016/ISO 9001:2015",
        ),
        (
            "GB/T 19001-2016 / ISO 9001 : 2015",
            "GB/T 19001-2016/ISO 9001:2015",
        ),
        (
            "GB 4706.1-2005/IEC 60335-1:2004",
            "GB 4706.1-2005/IEC 60335-1:2004",
        ),
        // ISO, IEC
        ("ISO 9001:2015", "ISO 9001:2015"),
        ("ISO9001:2015", "ISO 9001:2015"),
        ("ISO 9001", "ISO 9001"),
        ("ISO 14044:2006/Amd 2:2020", "ISO 14044:2006/Amd 2:2020"),
        ("ISO 14044:2006/Amd2:2020", "ISO 14044:2006/Amd 2:2020"),
        ("ISO 9001:2008/Cor 1:2009", "ISO 9001:2008/Cor 1:2009"),
        ("ISO 80000-1:2009/Cor 1:2011", "ISO 80000-1:2009/Cor 1:2011"),
        ("ISO/IEC 27001:2013", "ISO/IEC 27001:2013"),
        ("ISO/IEC/IEEE 29148:2018", "ISO/IEC/IEEE 29148:2018"),
        ("ISO/IEC TR 29110-1:2016", "ISO/IEC TR 29110-1:2016"),
        ("ISO/TS 16949:2009", "ISO/TS 16949:2009"),
        ("ISO/TR 10013:2001", "ISO/TR 10013:2001"),
        ("IEC 60335-2-84:2005", "IEC 60335-2-84:2005"),
        ("IEC 60335-1:2010/AMD1:2013", "IEC 60335-1:2010/AMD1:2013"),
        ("IEC 60335-1:2010/COR1:2014", "IEC 60335-1:2010/COR1:2014"),
        (
            "IEC 60529:1989+AMD1:1999+AMD2:2013 CSV",
            "IEC 60529:1989+AMD1:1999+AMD2:2013 CSV",
        ),
        ("IEC 60335-1:2020 RLV", "IEC 60335-1:2020 RLV"),
        ("IEC TS 62443-1-1:2009", "IEC TS 62443-1-1:2009"),
        ("IEC TR 61000-3-15:2011", "IEC TR 61000-3-15:2011"),
        ("IEC 61000-4-3", "IEC 61000-4-3"),
        ("IEC 60747-16-1A:2001", "IEC 60747-16-1A:2001"),
        ("CISPR 14-1:2020", "CISPR 14-1:2020"),
        ("CISPR 32:2015", "CISPR 32:2015"),
        // ITU
        (
            "ITU-T Rec. G.8013/Y.1731 (08/2019)",
            "ITU-T Rec. G.8013/Y.1731 (08/2019)",
        ),
        (
            "ITU-T Rec. G.8013/Y.1731(08/2019)",
            "ITU-T Rec. G.8013/Y.1731 (08/2019)",
        ),
        ("ITU-T G.652", "ITU-T G.652"),
        ("ITU-T P.862.2", "ITU-T P.862.2"),
        ("ITU-R BT.709-6", "ITU-R BT.709-6"),
        ("ITU-R BT.2020-2", "ITU-R BT.2020-2"),
        // EN, BS, DIN, NF
        ("EN 60335-1:2012+A11:2014", "EN 60335-1:2012+A11:2014"),
        ("EN 60335-1:2012 + A11:2014", "EN 60335-1:2012+A11:2014"),
        ("EN ISO 12100:2010", "EN ISO 12100:2010"),
        ("EN IEC 61000-6-2:2019", "EN IEC 61000-6-2:2019"),
        ("BS EN ISO 4413:2010", "BS EN ISO 4413:2010"),
        ("BS EN 60335-1:2012+A2:2019", "BS EN 60335-1:2012+A2:2019"),
        ("BS 1363-1:2016", "BS 1363-1:2016"),
        ("DIN EN ISO 9001:2015-11", "DIN EN ISO 9001:2015-11"),
        ("DIN 1988-300:2012-05", "DIN 1988-300:2012-05"),
        ("DIN EN 60335-1", "DIN EN 60335-1"),
        ("NF EN 60335-1:2013", "NF EN 60335-1:2013"),
        ("NF C 15-100", "NF C 15-100"),
        // ASTM
        (
            "ASTM D3745/D3745M-95(2015)e1",
            "ASTM D3745/D3745M-95(2015)e1",
        ),
        (
            "ASTM D3745/D3745M-95(2015)ε1",
            "ASTM D3745/D3745M-95(2015)e1",
        ),
        ("ASTM A36/A36M-19", "ASTM A36/A36M-19"),
        ("ASTM A36/A36M-2019", "ASTM A36/A36M-19"),
        ("ASTM E84-19a", "ASTM E84-19a"),
        ("ASTM A36-1949", "ASTM A36-1949"),
        ("ASTM E29-13", "ASTM E29-13"),
        ("ASTM D638", "ASTM D638"),
        ("ASTM D 638-14", "ASTM D638-14"),
        // JIS
        ("JIS A 4422:2011", "JIS A 4422:2011"),
        ("JIS A4422:2011", "JIS A 4422:2011"),
        ("JIS C 9335-2-40:2019", "JIS C 9335-2-40:2019"),
        // ANSI, IEEE, UL, AS/NZS
        ("ANSI Z87.1-2020", "ANSI Z87.1-2020"),
        ("IEEE 802.3-2018", "IEEE 802.3-2018"),
        ("IEEE Std 802.3-2018", "IEEE 802.3-2018"),
        ("UL 94", "UL 94"),
        ("UL 60335-2-40", "UL 60335-2-40"),
        ("AS/NZS 3112:2017", "AS/NZS 3112:2017"),
        ("AS/NZS 60335.2.40:2019", "AS/NZS 60335.2.40:2019"),
    ];
    for (input, canonical) in table {
        assert_canonical(input, canonical);
    }
}

#[test]
fn parts_of_numbers() {
    let code = parse("IEC 60335-2-84:2005");
    assert_eq!(code.family(), Family::Iec);
    assert_eq!(code.prefix(), "IEC");
    assert_eq!(code.number(), "60335");
    assert_eq!(code.parts(), ["2", "84"]);
    assert_eq!(code.year(), Some(2005));

    let code = parse("ISO 14044:2006/Amd 2:2020");
    assert_eq!(code.year(), Some(2006));
    let [amd] = code.amendments() else {
        panic!("one amendment expected");
    };
    assert_eq!(amd.kind(), AmendmentKind::Amendment);
    assert_eq!((amd.number(), amd.year()), (Some(2), Some(2020)));
    assert!(!amd.is_incorporated());
    assert_eq!(amd.to_string(), "/Amd 2:2020");

    let code = parse("IEC 60529:1989+AMD1:1999+AMD2:2013 CSV");
    let years: Vec<_> = code.amendments().iter().map(|a| a.year()).collect();
    assert_eq!(years, [Some(1999), Some(2013)]);
    assert!(code.amendments().iter().all(|a| a.is_incorporated()));

    let code = parse("GB 4706.1-2005/XG1-2006");
    assert_eq!(code.number(), "4706.1");
    assert_eq!(
        code.amendments()[0].kind(),
        AmendmentKind::ModificationSheet
    );
    assert_eq!(code.undated().to_string(), "GB 4706.1");

    let code = parse("ASTM A36/A36M-19");
    assert_eq!(code.number(), "A36");
    assert_eq!(code.companion(), Some("A36M"));
    assert_eq!(code.year(), Some(2019));
    assert_eq!(parse("ASTM D3745/D3745M-95(2015)e1").year(), Some(1995));

    let code = parse("JIS A 4422:2011");
    assert_eq!(code.division(), Some('A'));
    assert_eq!(code.number(), "4422");

    let code = parse("ITU-T Rec. G.8013/Y.1731 (08/2019)");
    assert_eq!(code.number(), "G.8013");
    assert_eq!(code.companion(), Some("Y.1731"));
    assert_eq!(code.year(), Some(2019));
    let code = parse("ITU-R BT.709-6");
    assert_eq!(
        (code.number(), code.parts()),
        ("BT.709", &["6".to_owned()][..])
    );
    assert!(!code.is_dated());

    let code = parse("GB/T 19001-2016/ISO 9001:2015");
    assert_eq!(code.prefix(), "GB/T");
    assert_eq!(code.year(), Some(2016));
    let adopted = code.adopted().unwrap();
    assert_eq!(adopted.to_string(), "ISO 9001:2015");
    assert_eq!(adopted.level(), Level::International);

    assert_eq!(parse("T/CZGX 001-2022").number(), "001");
    assert_eq!(parse("T/CZGX 001-2022").prefix(), "T/CZGX");
    assert_eq!(parse("Q/MP102-2021").number(), "MP102");
    assert_eq!(parse("DB52/T 380-2017").prefix(), "DB52/T");
    assert_eq!(parse("DB11/ 139-2015").prefix(), "DB11");
}

#[test]
fn level_per_family() {
    let table = [
        ("GB 4706.1-2005", Level::National, Family::National),
        ("GB/T 8170-2008", Level::National, Family::National),
        ("GB/Z 20000.1-2001", Level::National, Family::National),
        ("JB/T 13368-2018", Level::Industry, Family::Industry),
        ("HJ 2.2-2018", Level::Industry, Family::Industry),
        ("DB52/T 380-2017", Level::Local, Family::Local),
        ("T/CZGX 001-2022", Level::Group, Family::Group),
        ("Q/MP102-2021", Level::Enterprise, Family::Enterprise),
        ("ISO 9001:2015", Level::International, Family::Iso),
        ("ISO/TS 16949:2009", Level::International, Family::Iso),
        ("IEC 60335-1:2010", Level::International, Family::Iec),
        ("ISO/IEC 27001:2013", Level::International, Family::IsoIec),
        ("CISPR 14-1:2020", Level::International, Family::Cispr),
        ("ITU-R BT.709-6", Level::International, Family::Itu),
        ("EN 60335-1:2012", Level::Foreign, Family::En),
        ("BS EN ISO 4413:2010", Level::Foreign, Family::Bs),
        ("DIN EN ISO 9001:2015-11", Level::Foreign, Family::Din),
        ("NF C 15-100", Level::Foreign, Family::Nf),
        ("ASTM A36/A36M-19", Level::Foreign, Family::Astm),
        ("JIS A 4422:2011", Level::Foreign, Family::Jis),
        ("ANSI Z87.1-2020", Level::Foreign, Family::Ansi),
        ("UL 94", Level::Foreign, Family::Ul),
        ("IEEE 802.3-2018", Level::Foreign, Family::Ieee),
        ("AS/NZS 3112:2017", Level::Foreign, Family::AsNzs),
    ];
    for (text, level, family) in table {
        let code = parse(text);
        assert_eq!(code.level(), level, "{text}");
        assert_eq!(code.family(), family, "{text}");
        assert_eq!(code.family().level(), level, "{text}");
    }
}

#[test]
fn errors_word_for_word() {
    assert_error(
        "GB/T abc",
        r#"standard number "GB/T abc": expected a number after "GB/T""#,
    );
    assert_error(
        "",
        r#"standard number "": expected a standard number such as "GB/T 8170-2008" or "ISO 9001:2015""#,
    );
    assert_error(
        "ABCD 123",
        r#"standard number "ABCD 123": expected a known prefix such as "GB/T", "ISO" or "EN", found "ABCD""#,
    );
    assert_error(
        "8170-2008",
        r#"standard number "8170-2008": expected a standard prefix such as "GB/T" or "ISO", found "8170-2008""#,
    );
    assert_error(
        "GB/T 8170-208",
        r#"standard number "GB/T 8170-208": expected a year of two or four digits after "-""#,
    );
    assert_error(
        "ISO 9001:15",
        r#"standard number "ISO 9001:15": expected a four-digit year after ":""#,
    );
    assert_error(
        "GB/T 8170-2008 xyz",
        r#"standard number "GB/T 8170-2008 xyz": expected nothing after "GB/T 8170-2008", found "xyz""#,
    );
    assert_error(
        "GB 8170 号",
        r#"standard number "GB 8170 号": expected letters, digits and punctuation, found "号""#,
    );
    assert_error(
        "ASTM A36/A37M-19",
        r#"standard number "ASTM A36/A37M-19": expected the metric companion "A36M" after "A36/""#,
    );
    assert_error(
        "JIS 4422:2011",
        r#"standard number "JIS 4422:2011": expected a division letter after "JIS""#,
    );
    assert_error(
        "DB5/T 380-2017",
        r#"standard number "DB5/T 380-2017": expected a province code of two digits (or four or six for a city) after "DB""#,
    );
    assert_error(
        "T/ 001-2022",
        r#"standard number "T/ 001-2022": expected the group's code after "T/""#,
    );
    assert_error(
        "ISO 14044:2006/Amd x",
        r#"standard number "ISO 14044:2006/Amd x": expected the amendment's number after "Amd""#,
    );
    assert_error(
        "DIN EN ISO 9001:2015-13",
        r#"standard number "DIN EN ISO 9001:2015-13": expected a two-digit month after the year and "-""#,
    );
    assert_error(
        "GB/T 8170-2008/",
        r#"standard number "GB/T 8170-2008/": expected an amendment sheet or an adopted standard after "GB/T 8170-2008/""#,
    );
    assert_error(
        "ITU-T Rec. 8013",
        r#"standard number "ITU-T Rec. 8013": expected a recommendation such as "G.8013" after "ITU-T Rec.""#,
    );
}

/// The same refusals in Chinese, word for word.
#[test]
fn errors_in_chinese() {
    for (input, message) in [
        ("GB/T abc", r#"标准编号 "GB/T abc"："GB/T" 之后应为顺序号"#),
        (
            "",
            r#"标准编号 ""：应为标准编号，如 "GB/T 8170-2008" 或 "ISO 9001:2015""#,
        ),
        (
            "ABCD 123",
            r#"标准编号 "ABCD 123"：应为已知的标准代号，如 "GB/T"、"ISO" 或 "EN"，却是 "ABCD""#,
        ),
        (
            "8170-2008",
            r#"标准编号 "8170-2008"：应为标准代号，如 "GB/T" 或 "ISO"，却是 "8170-2008""#,
        ),
        (
            "GB/T 8170-208",
            r#"标准编号 "GB/T 8170-208"："-" 之后应为两位或四位数的年份"#,
        ),
        (
            "ISO 9001:15",
            r#"标准编号 "ISO 9001:15"：":" 之后应为四位数的年份"#,
        ),
        (
            "GB/T 8170-2008 xyz",
            r#"标准编号 "GB/T 8170-2008 xyz"："GB/T 8170-2008" 之后不应再有内容，却是 "xyz""#,
        ),
        (
            "GB 8170 号",
            r#"标准编号 "GB 8170 号"：应为字母、数字和标点，却是 "号""#,
        ),
        (
            "DB5/T 380-2017",
            r#"标准编号 "DB5/T 380-2017"："DB" 之后应为两位数的省级行政区划代码（市级为四位或六位）"#,
        ),
        (
            "T/ 001-2022",
            r#"标准编号 "T/ 001-2022"："T/" 之后应为社会团体代号"#,
        ),
        (
            "GB/T 8170-2008/",
            r#"标准编号 "GB/T 8170-2008/"："GB/T 8170-2008/" 之后应为修改单或所采用的标准"#,
        ),
        (
            "ITU-T Rec. 8013",
            r#"标准编号 "ITU-T Rec. 8013"："ITU-T Rec." 之后应为建议书编号，如 "G.8013""#,
        ),
    ] {
        let err = input.parse::<StandardCode>().unwrap_err();
        assert_eq!(err.message(Lang::Zh), message, "{input:?}");
    }
    let err = "EQV".parse::<AdoptionDegree>().unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"adoption degree "EQV": expected "IDT", "MOD" or "NEQ""#
    );
    assert_eq!(
        err.message(Lang::Zh),
        r#"采用程度 "EQV"：应为 "IDT"、"MOD" 或 "NEQ""#
    );
}

#[test]
fn equality_hash_and_order_use_the_canonical_form() {
    let a = parse("GB/T8170-2008");
    let b = parse("GB/T 8170—2008");
    assert_eq!(a, b);
    let set: HashSet<StandardCode> = [a, b].into_iter().collect();
    assert_eq!(set.len(), 1);
    assert_ne!(parse("GB/T 8170-2008"), parse("GB/T 8170"));
    assert!(parse("GB/T 8170-2008") < parse("ISO 9001:2015"));
    assert_eq!(parse("GB 8170-87"), parse("GB 8170-1987"));
}

#[test]
fn serde_uses_the_canonical_string() {
    let code = parse("GB/T8170—2008");
    assert_eq!(serde_json::to_string(&code).unwrap(), r#""GB/T 8170-2008""#);
    let back: StandardCode = serde_json::from_str(r#""GB/T 8170—2008""#).unwrap();
    assert_eq!(back, code);
    let err = serde_json::from_str::<StandardCode>(r#""GB/T abc""#).unwrap_err();
    assert!(err
        .to_string()
        .contains(r#"standard number "GB/T abc": expected a number after "GB/T""#));
    assert_eq!(
        serde_json::to_string(&Level::International).unwrap(),
        r#""international""#
    );
}

#[test]
fn parts_view_as_json() {
    let value = serde_json::to_value(parse("GB/T 19001-2016/ISO 9001:2015").details()).unwrap();
    assert_eq!(
        value,
        serde_json::json!({
            "canonical": "GB/T 19001-2016/ISO 9001:2015",
            "level": "national",
            "family": "national",
            "prefix": "GB/T",
            "number": "19001",
            "parts": [],
            "year": 2016,
            "amendments": [],
            "adopted": {
                "canonical": "ISO 9001:2015",
                "level": "international",
                "family": "iso",
                "prefix": "ISO",
                "number": "9001",
                "parts": [],
                "year": 2015,
                "amendments": [],
                "adopted": null
            }
        })
    );
}

#[test]
fn standard_record() {
    let standard = Standard::new(parse("GB/T 19001-2016"));
    assert_eq!(standard.kind, StandardKind::National);
    assert_eq!(standard.status, Status::Current);
    assert!(standard.title.is_empty());

    let mut standard = standard;
    standard.title = Names {
        zh: Some("质量管理体系 要求".to_owned()),
        en: Some("Quality management systems—Requirements".to_owned()),
    };
    standard.adoption = Some(Adoption {
        degree: AdoptionDegree::Idt,
        code: parse("ISO 9001:2015"),
    });
    let json = serde_json::to_value(&standard).unwrap();
    assert_eq!(json["code"], "GB/T 19001-2016");
    assert_eq!(json["kind"], "national");
    assert_eq!(json["adoption"]["degree"], "IDT");
    assert_eq!(json["status"], "current");
    let back: Standard = serde_json::from_value(json).unwrap();
    assert_eq!(back, standard);

    let read: Standard = serde_json::from_str(
        r#"{"code": "BS EN ISO 4413:2010", "status": "withdrawn", "superseded-by": "BS EN ISO 4413:2010+A1:2023"}"#,
    )
    .unwrap();
    assert_eq!(read.kind, StandardKind::ForeignAdvanced);
    assert_eq!(read.status, Status::Withdrawn);
    assert_eq!(
        read.superseded_by.map(|c| c.to_string()),
        Some("BS EN ISO 4413:2010+A1:2023".to_owned())
    );
    let read: Standard =
        serde_json::from_str(r#"{"code": "GB 4706.1-2005", "kind": "domestic-leading"}"#).unwrap();
    assert_eq!(read.kind, StandardKind::DomesticLeading);

    assert_eq!(
        StandardKind::default_for(Level::International),
        StandardKind::International
    );
    assert_eq!(
        StandardKind::default_for(Level::Enterprise),
        StandardKind::Enterprise
    );
    assert_eq!(
        "mod".parse::<AdoptionDegree>().unwrap(),
        AdoptionDegree::Mod
    );
    assert_eq!(
        "EQV".parse::<AdoptionDegree>().unwrap_err().to_string(),
        r#"adoption degree "EQV": expected "IDT", "MOD" or "NEQ""#
    );
}

#[test]
fn standard_code_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<StandardCode>();
    assert_send_sync::<Standard>();
}

// --- property tests ---------------------------------------------------------------------------

fn digits(min: usize, max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("[0-9]{{{min},{max}}}")).unwrap()
}

fn year() -> impl Strategy<Value = u16> {
    1950u16..=2049
}

fn dotted() -> impl Strategy<Value = String> {
    (digits(1, 5), prop::option::of(digits(1, 2)))
        .prop_map(|(n, p)| p.map_or(n.clone(), |p| format!("{n}.{p}")))
}

fn chinese() -> impl Strategy<Value = String> {
    let prefix = prop_oneof![
        prop::sample::select(vec![
            "GB", "GB/T", "GB/Z", "GBZ", "JB/T", "YB/T", "HJ", "QB/T", "SN/T", "NY/T", "JJF",
        ])
        .prop_map(|p| format!("{p} ")),
        (digits(2, 2), prop::sample::select(vec!["/T ", "/Z ", "/ "]))
            .prop_map(|(d, s)| format!("DB{d}{s}")),
        "[A-Z]{2,6}".prop_map(|o| format!("T/{o} ")),
    ];
    let head = prop_oneof![
        (prefix, dotted()).prop_map(|(p, n)| format!("{p}{n}")),
        "[A-Z]{1,4}[0-9]{1,4}".prop_map(|b| format!("Q/{b}")),
        "[A-Z]{2,4} [0-9]{3}".prop_map(|b| format!("Q/{b}")),
    ];
    (
        head,
        prop::option::of(year()),
        prop::option::of((1u32..5, year())),
        prop::option::of(international()),
    )
        .prop_map(|(head, y, xg, adopted)| {
            let mut s = head;
            if let Some(y) = y {
                s.push_str(&format!("-{y}"));
            }
            if let Some((n, y)) = xg {
                s.push_str(&format!("/XG{n}-{y}"));
            }
            if let (Some(_), Some(a)) = (y, adopted) {
                s.push_str(&format!("/{a}"));
            }
            s
        })
}

/// An amendment as (joiner, corrigendum?, number, year); spelt by [`spell`] the way the base
/// document's publisher spells it, which is the canonical form.
fn amendment() -> impl Strategy<Value = (char, bool, u32, Option<u16>)> {
    (
        prop::sample::select(vec!['/', '+']),
        any::<bool>(),
        1u32..20,
        prop::option::of(year()),
    )
}

/// The canonical spelling of an amendment after `prefix`: CEN/CENELEC `A1`/`AC1` (and BSI's
/// own `A1`), ISO `Amd 1`/`Cor 1`, IEC and CISPR `AMD1`/`COR1`, any other body ISO's.
fn spell(prefix: &str, (joiner, cor, n, y): (char, bool, u32, Option<u16>)) -> String {
    let words: Vec<&str> = prefix.split([' ', '/']).collect();
    let has = |b: &str| words.contains(&b);
    let label = if has("EN") || prefix == "BS" {
        if cor {
            "AC"
        } else {
            "A"
        }
    } else if has("ISO") {
        if cor {
            "Cor "
        } else {
            "Amd "
        }
    } else if has("IEC") || has("CISPR") {
        if cor {
            "COR"
        } else {
            "AMD"
        }
    } else if cor {
        "Cor "
    } else {
        "Amd "
    };
    match y {
        Some(y) => format!("{joiner}{label}{n}:{y}"),
        None => format!("{joiner}{label}{n}"),
    }
}

fn international() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            "ISO",
            "IEC",
            "ISO/IEC",
            "ISO/IEC/IEEE",
            "ISO/TS",
            "ISO/TR",
            "IEC TS",
            "IEC TR",
            "CISPR",
            "EN",
            "EN ISO",
            "BS EN",
            "BS EN ISO",
            "BS",
            "AS/NZS",
            "UL",
            "DIN EN",
        ]),
        "[1-9][0-9]{0,5}",
        prop::collection::vec("[0-9]{1,3}|[1-9][A-Z]", 0..3),
        prop::option::of(year()),
        prop::collection::vec(amendment(), 0..3),
        prop::option::of(prop::sample::select(vec!["CSV", "RLV"])),
    )
        .prop_map(|(prefix, n, parts, y, amds, form)| {
            let mut s = format!("{prefix} {n}");
            for p in parts {
                s.push_str(&format!("-{p}"));
            }
            if let Some(y) = y {
                s.push_str(&format!(":{y}"));
            }
            s.extend(amds.into_iter().map(|a| spell(prefix, a)));
            if let Some(f) = form {
                s.push_str(&format!(" {f}"));
            }
            s
        })
}

fn other_foreign() -> impl Strategy<Value = String> {
    prop_oneof![
        // DIN with edition month
        ("[1-9][0-9]{0,4}", year(), 1u8..=12)
            .prop_map(|(n, y, m)| format!("DIN EN ISO {n}:{y}-{m:02}")),
        // JIS with division letter
        ("[A-Z]", "[0-9]{4}", prop::option::of(year())).prop_map(|(d, n, y)| match y {
            Some(y) => format!("JIS {d} {n}:{y}"),
            None => format!("JIS {d} {n}"),
        }),
        // IEEE and ANSI with a hyphen year
        (
            prop::sample::select(vec!["IEEE", "ANSI"]),
            dotted(),
            prop::option::of(year())
        )
            .prop_map(|(p, n, y)| match y {
                Some(y) => format!("{p} {n}-{y}"),
                None => format!("{p} {n}"),
            }),
        // ASTM
        (
            "[A-G]",
            "[1-9][0-9]{0,3}",
            any::<bool>(),
            prop::option::of((year(), prop::option::of("[a-c]"))),
            prop::option::of(year()),
            prop::option::of(1u32..4),
        )
            .prop_map(|(l, n, metric, y, re, e)| {
                let mut s = format!("ASTM {l}{n}");
                if metric {
                    s.push_str(&format!("/{l}{n}M"));
                }
                if let Some((y, letter)) = y {
                    s.push_str(&format!("-{:02}", y % 100));
                    s.extend(letter);
                }
                if let Some(r) = re {
                    s.push_str(&format!("({r})"));
                }
                if let Some(e) = e {
                    s.push_str(&format!("e{e}"));
                }
                s
            }),
        // ITU
        (
            prop::sample::select(vec!["ITU-T", "ITU-T Rec.", "ITU-R"]),
            "[A-Z]{1,2}",
            "[1-9][0-9]{0,3}",
            prop::option::of("[A-Z]\\.[1-9][0-9]{0,3}"),
            prop::option::of(1u32..10),
            prop::option::of((1u8..=12, year())),
        )
            .prop_map(|(p, series, n, companion, rev, date)| {
                let mut s = format!("{p} {series}.{n}");
                if let Some(c) = companion {
                    s.push_str(&format!("/{c}"));
                }
                if let Some(r) = rev {
                    s.push_str(&format!("-{r}"));
                }
                if let Some((m, y)) = date {
                    s.push_str(&format!(" ({m:02}/{y})"));
                }
                s
            }),
    ]
}

fn any_canonical() -> impl Strategy<Value = String> {
    prop_oneof![chinese(), international(), other_foreign()]
}

/// Messes up a canonical text the ways people do: dashes, missing or extra spaces.
fn as_typed(canonical: &str, dash: char, spaces: bool) -> String {
    let mut s = String::new();
    for c in canonical.chars() {
        match c {
            '-' => s.push(dash),
            ' ' if !spaces => s.push_str("  "),
            '/' if spaces => s.push_str(" / "),
            c => s.push(c),
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Generated canonical texts parse, print themselves, and re-read to an equal code.
    #[test]
    fn canonical_texts_round_trip(text in any_canonical()) {
        let code: StandardCode = text.parse().map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert_eq!(code.to_string(), text.clone());
        let again: StandardCode = code.to_string().parse().unwrap();
        prop_assert_eq!(&again, &code);
        prop_assert_eq!(again.to_string(), code.to_string());
        prop_assert_eq!(code.details().canonical, text);
    }

    /// Typed variants of a canonical text (other dashes, doubled spaces, spaces around
    /// slashes) read back to the canonical code.
    #[test]
    fn typed_variants_read_to_the_canonical_code(
        text in any_canonical(),
        dash in prop::sample::select(vec!['-', '—', '–', '－']),
        spaces in any::<bool>(),
    ) {
        let typed = as_typed(&text, dash, spaces);
        let code: StandardCode = typed
            .parse()
            .map_err(|e| TestCaseError::fail(format!("{typed:?}: {e}")))?;
        prop_assert_eq!(code.to_string(), text);
    }

    /// Any text: never a panic; whatever parses obeys the round-trip law.
    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        if let Ok(code) = text.parse::<StandardCode>() {
            let again: StandardCode = code.to_string().parse().unwrap();
            prop_assert_eq!(again.to_string(), code.to_string());
        }
    }

    /// Text made of the characters standard numbers use: never a panic; whatever parses obeys
    /// the round-trip law.
    #[test]
    fn code_like_text_obeys_the_law(
        text in "[A-Z0-9 /:+.()eT—–-]{0,12}|(GB|GB/T|ISO|IEC|ASTM|ITU-T|JIS|DB52|T/|Q/)[A-Za-z0-9 /:+.()—-]{0,16}",
    ) {
        if let Ok(code) = text.parse::<StandardCode>() {
            let printed = code.to_string();
            let again: StandardCode = printed
                .parse()
                .map_err(|e| TestCaseError::fail(format!("{text:?} printed {printed:?}: {e}")))?;
            prop_assert_eq!(&again, &code);
            prop_assert_eq!(again.to_string(), printed);
        }
    }
}

/// Forms published texts write that the crate once refused, each with its source and its
/// canonical form.
#[test]
fn published_forms() {
    for (input, canonical, source) in [
        (
            "EN 60335-1:2012/AC:2014",
            "EN 60335-1:2012/AC:2014",
            "CENELEC corrigendum",
        ),
        (
            "EN 10077-1:2006+AC:2009+AC2:2009",
            "EN 10077-1:2006+AC:2009+AC2:2009",
            "CEN corrigenda",
        ),
        (
            "IEC 60598-1:2014/ISH1:2016",
            "IEC 60598-1:2014/ISH1:2016",
            "IEC interpretation sheet",
        ),
        (
            "CISPR 22:2008/ISH2:2010",
            "CISPR 22:2008/ISH2:2010",
            "IEC interpretation sheet",
        ),
        (
            "IEC 60529:1989+AMD1:1999+AMD2:2013 CSV/COR1:2013",
            "IEC 60529:1989+AMD1:1999+AMD2:2013 CSV/COR1:2013",
            "IEC corrigendum to a consolidated version",
        ),
        (
            "ISO/IEC Guide 98-4:2012",
            "ISO/IEC Guide 98-4:2012",
            "JCGM 106 / ISO/IEC Guide 98-4",
        ),
        (
            "ISO/IEC GUIDE 98-3:2008",
            "ISO/IEC Guide 98-3:2008",
            "IEC webstore spelling",
        ),
        (
            "BS ISO/IEC 27001:2013",
            "BS ISO/IEC 27001:2013",
            "BSI adoption of ISO/IEC",
        ),
        (
            "CEN/TS 14972:2011",
            "CEN/TS 14972:2011",
            "CEN technical specification",
        ),
        (
            "CEN-CLC Guide 32:2016",
            "CEN/CLC Guide 32:2016",
            "CEN/CENELEC guide",
        ),
        (
            "DIN VDE 0100-410:2018-10",
            "DIN VDE 0100-410:2018-10",
            "DIN VDE catalogue",
        ),
        (
            "ISO 31000:2018(en)",
            "ISO 31000:2018",
            "ISO language suffix",
        ),
        (
            "ISO 14442:2006 Ed 2",
            "ISO 14442:2006",
            "ISO edition suffix",
        ),
        (
            "ISO TR 10013:2001",
            "ISO/TR 10013:2001",
            "ISO/TR typed with a space",
        ),
        (
            "IEC/TS 62443-1-1:2009",
            "IEC TS 62443-1-1:2009",
            "IEC TS typed with a slash",
        ),
        (
            "JCGM 106:2012",
            "JCGM 106:2012",
            "JCGM 106:2012 (decision rules)",
        ),
        (
            "ILAC-G8:09/2019",
            "ILAC-G8:09/2019",
            "ILAC-G8:09/2019 (decision rules)",
        ),
        (
            "(EU) 2019/2015",
            "(EU) 2019/2015",
            "Commission Delegated Regulation (EU) 2019/2015",
        ),
        (
            "Regulation (EU) 2019/2015",
            "(EU) 2019/2015",
            "EU act numbered since 2015",
        ),
        (
            "Regulation (EU) No 1194/2012",
            "Regulation (EU) No 1194/2012",
            "EU regulation before 2015",
        ),
        (
            "Directive 2009/125/EC",
            "Directive 2009/125/EC",
            "ecodesign directive",
        ),
        ("10 CFR 430", "10 CFR 430", "US energy conservation program"),
        ("10 CFR Part 430", "10 CFR 430", "US CFR with the word Part"),
        (
            "ENV 50166-2:2000",
            "ENV 50166-2:2000",
            "CENELEC prestandard",
        ),
        ("DB/T 19-2020", "DB/T 19-2020", "地震 industry code DB"),
        (
            "JGJ 3-2010",
            "JGJ 3-2010",
            "engineering construction industry code",
        ),
    ] {
        let code = parse(input);
        assert_eq!(code.to_string(), canonical, "{input:?}: {source}");
        assert_eq!(parse(canonical), code, "{canonical:?} re-read");
    }
    assert_eq!(
        parse("ISO 1998-2:1976(en,fr,ru)").languages(),
        Some("en,fr,ru")
    );
    assert_eq!(parse("ISO 14442:2006 Ed 2").edition(), Some(2));
    assert_eq!(parse("(EU) 2019/2015").family(), Family::EuAct);
    assert_eq!(parse("JCGM 106:2012").level(), Level::International);
    assert_eq!(parse("10 CFR 430.32").family(), Family::Cfr);
    let code = parse("EN 60335-1:2012/AC:2014");
    let [ac] = code.amendments() else {
        panic!("one corrigendum expected");
    };
    assert_eq!((ac.kind(), ac.number()), (AmendmentKind::Corrigendum, None));
    let ish = parse("IEC 60598-1:2014/ISH1:2016");
    assert_eq!(
        ish.amendments()[0].kind(),
        AmendmentKind::InterpretationSheet
    );
}

/// Each publisher's spelling of its amendments is the key, whatever was typed: `/AMD 1:1998`
/// and `/Amd 1:1998` on one ISO number are the same code.
#[test]
fn amendment_spelling_is_the_publishers() {
    let key = |t: &str| parse(t).to_string();
    assert_eq!(
        key("ISO 9000:1987/AMD 1:1998"),
        key("ISO 9000:1987/Amd 1:1998")
    );
    assert_eq!(key("ISO 9000:1987/AMD 1:1998"), "ISO 9000:1987/Amd 1:1998");
    assert_eq!(
        key("IEC 60335-1:2010/Amd 1:2013"),
        "IEC 60335-1:2010/AMD1:2013"
    );
    assert_eq!(
        key("IEC 60335-1:2010/A1:2013"),
        "IEC 60335-1:2010/AMD1:2013"
    );
    assert_eq!(key("EN 60335-1:2012/AMD 2:2019"), "EN 60335-1:2012/A2:2019");
    assert_eq!(
        key("ISO/IEC 14496-5:2001/AMD35:2015"),
        "ISO/IEC 14496-5:2001/Amd 35:2015"
    );
}

/// Chinese codes come from the list of industry standard codes (行业标准代号); other letters
/// are refused, and a recommended standard written without its slash gets a suggestion.
#[test]
fn industry_codes_are_the_official_list() {
    assert_error(
        "GBT8170-2008",
        r#"standard number "GBT8170-2008": expected a known standard code such as "GB/T", "JB/T" or "ISO", found "GBT"; did you mean "GB/T 8170-2008"?"#,
    );
    assert_error(
        "JBT 13368-2018",
        r#"standard number "JBT 13368-2018": expected a known standard code such as "GB/T", "JB/T" or "ISO", found "JBT"; did you mean "JB/T 13368-2018"?"#,
    );
    assert_error(
        "EP 210",
        r#"standard number "EP 210": expected a known standard code such as "GB/T", "JB/T" or "ISO", found "EP", which is no industry standard code"#,
    );
    let e = "GBT8170-2008".parse::<StandardCode>().unwrap_err();
    assert_eq!(
        e.message(Lang::Zh),
        r#"标准编号 "GBT8170-2008"：应为已知的标准代号，如 "GB/T"、"JB/T" 或 "ISO"，却是 "GBT"；是否应为 "GB/T 8170-2008"？"#
    );
    for code in [
        "JB", "QB", "HG", "YY", "DL", "NB", "SJ", "JG", "CJ", "HJ", "GA", "JT", "SH", "TB", "YD",
        "SN",
    ] {
        let text = format!("{code}/T 1-2020");
        assert_eq!(parse(&text).level(), Level::Industry, "{text}");
    }
}
