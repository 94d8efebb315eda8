//! Property tests: random tables of the 2021 template, rendered in each input layout
//! (one cell per line, tab rows, markdown pipes, space-aligned columns, HTML), parse back
//! to exactly the values they were made from. Blank cells are `null` (the aligned layout
//! cannot show a blank cell, so its tables have none).
//!
//! Then the same tables as converters mangle them, a thousand per layout: markdown rows
//! padded to the widest with empty cells, values after the labels or under the header's
//! columns, tab rows that lost their trailing cells, aligned text whose blank cells
//! vanished, one cell per line with some blank cells' lines dropped, reading-order text
//! with some rows' labels printed apart, labels apart from their numbers as converters
//! print them, labels wrapped over lines around their numbers as `pdftotext -layout`
//! prints them, text whose line breaks were lost. There every value must be exact or named by a
//! diagnostic: never silently wrong. Ruled tables (w3m's box drawing, pandoc's ASCII
//! grids) and HTML tables keep every cell's place, so there the template's merged cells,
//! labels wrapped inside their boxes and blank cells must all parse back exactly.

use proptest::prelude::*;
use serde_json::{json, Map, Value};

const COLUMNS: [&str; 7] = [
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other",
    "total",
];

/// Part 3's rows: key, and the label cells that open the row (merged labels once).
const PART3: [(&str, &[&str]); 25] = [
    ("new_received", &["一、本年新收政府信息公开申请数量"]),
    ("carried_over", &["二、上年结转政府信息公开申请数量"]),
    ("granted", &["三、本年度办理结果", "（一）予以公开"]),
    (
        "partially_granted",
        &["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"],
    ),
    (
        "withheld_state_secret",
        &["（三）不予公开", "1.属于国家秘密"],
    ),
    (
        "withheld_prohibited_by_law",
        &["2.其他法律行政法规禁止公开"],
    ),
    ("withheld_security_stability", &["3.危及“三安全一稳定”"]),
    ("withheld_third_party_rights", &["4.保护第三方合法权益"]),
    ("withheld_internal_affairs", &["5.属于三类内部事务信息"]),
    ("withheld_process_information", &["6.属于四类过程性信息"]),
    ("withheld_enforcement_files", &["7.属于行政执法案卷"]),
    ("withheld_query_matters", &["8.属于行政查询事项"]),
    (
        "unavailable_not_held",
        &["（四）无法提供", "1.本机关不掌握相关政府信息"],
    ),
    (
        "unavailable_needs_creation",
        &["2.没有现成信息需要另行制作"],
    ),
    ("unavailable_still_unclear", &["3.补正后申请内容仍不明确"]),
    (
        "rejected_complaint",
        &["（五）不予处理", "1.信访举报投诉类申请"],
    ),
    ("rejected_duplicate", &["2.重复申请"]),
    ("rejected_publication", &["3.要求提供公开出版物"]),
    ("rejected_excessive", &["4.无正当理由大量反复申请"]),
    (
        "rejected_reconfirmation",
        &["5.要求行政机关确认或重新出具已获取信息"],
    ),
    (
        "other_overdue_correction",
        &[
            "（六）其他处理",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ],
    ),
    (
        "other_unpaid_fee",
        &["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"],
    ),
    ("other_other", &["3.其他"]),
    ("total_processed", &["（七）总计"]),
    ("carried_forward", &["四、结转下年度继续办理"]),
];

/// The values of one random report.
#[derive(Debug, Clone)]
struct Values {
    /// 规章 and 行政规范性文件: issued, repealed, in force.
    documents: Vec<Option<u64>>,
    /// 行政许可, 行政处罚, 行政强制.
    decisions: Vec<Option<u64>>,
    /// 行政事业性收费 in 万元, as cents.
    fees: Option<u64>,
    /// Part 3, row by row.
    applications: Vec<Option<u64>>,
    /// Part 4.
    review: Vec<Option<u64>>,
}

fn count(blank: bool) -> BoxedStrategy<Option<u64>> {
    let n = prop_oneof![4 => 0u64..10, 2 => 0u64..1000, 1 => 0u64..10_000_000];
    if blank {
        proptest::option::weighted(0.85, n).boxed()
    } else {
        n.prop_map(Some).boxed()
    }
}

fn values(blank: bool) -> impl Strategy<Value = Values> {
    (
        proptest::collection::vec(count(blank), 6),
        proptest::collection::vec(count(blank), 3),
        count(blank),
        proptest::collection::vec(count(blank), 25 * 7),
        proptest::collection::vec(count(blank), 15),
    )
        .prop_map(
            |(documents, decisions, fees, applications, review)| Values {
                documents,
                decisions,
                fees,
                applications,
                review,
            },
        )
}

fn cell(v: Option<u64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn fee_cell(v: Option<u64>) -> String {
    v.map(|c| format!("{}.{:02}", c / 100, c % 100))
        .unwrap_or_default()
}

/// The three tables as rows of cell texts, merged cells once.
fn tables(v: &Values) -> [Vec<Vec<String>>; 3] {
    let s = |t: &str| t.to_string();
    let mut t2 = vec![
        vec![s("第二十条第（一）项")],
        vec![
            s("信息内容"),
            s("本年制发件数"),
            s("本年废止件数"),
            s("现行有效件数"),
        ],
    ];
    for (k, label) in ["规章", "行政规范性文件"].iter().enumerate() {
        let mut r = vec![s(label)];
        r.extend(v.documents[k * 3..k * 3 + 3].iter().map(|x| cell(*x)));
        t2.push(r);
    }
    t2.push(vec![s("第二十条第（五）项")]);
    t2.push(vec![s("信息内容"), s("本年处理决定数量")]);
    t2.push(vec![s("行政许可"), cell(v.decisions[0])]);
    t2.push(vec![s("第二十条第（六）项")]);
    t2.push(vec![s("信息内容"), s("本年处理决定数量")]);
    t2.push(vec![s("行政处罚"), cell(v.decisions[1])]);
    t2.push(vec![s("行政强制"), cell(v.decisions[2])]);
    t2.push(vec![s("第二十条第（八）项")]);
    t2.push(vec![s("信息内容"), s("本年收费金额（单位：万元）")]);
    t2.push(vec![s("行政事业性收费"), fee_cell(v.fees)]);

    let mut t3 = vec![
        vec![
            s("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
            s("申请人情况"),
        ],
        vec![s("自然人"), s("法人或其他组织"), s("总计")],
        [
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
        ]
        .iter()
        .map(|t| s(t))
        .collect(),
    ];
    for (k, (_, labels)) in PART3.iter().enumerate() {
        let mut r: Vec<String> = labels.iter().map(|t| s(t)).collect();
        r.extend(v.applications[k * 7..k * 7 + 7].iter().map(|x| cell(*x)));
        t3.push(r);
    }

    let results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut header = results.iter().map(|t| s(t)).collect::<Vec<_>>();
    header.extend([s("未经复议直接起诉"), s("复议后起诉")]);
    let t4 = vec![
        vec![s("行政复议"), s("行政诉讼")],
        header,
        results.iter().chain(results.iter()).map(|t| s(t)).collect(),
        v.review.iter().map(|x| cell(*x)).collect(),
    ];
    [t2, t3, t4]
}

#[derive(Debug, Clone, Copy)]
enum Layout {
    CellPerLine,
    TabRows,
    Pipe,
    Aligned,
    Html,
}

fn render_table(rows: &[Vec<String>], layout: Layout) -> String {
    match layout {
        Layout::CellPerLine => rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| format!("\t{c}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect::<Vec<_>>()
            .join("\n\n"),
        Layout::TabRows => rows
            .iter()
            .map(|r| r.join("\t"))
            .collect::<Vec<_>>()
            .join("\n"),
        Layout::Pipe => rows
            .iter()
            .map(|r| format!("| {} |", r.join(" | ")))
            .collect::<Vec<_>>()
            .join("\n"),
        Layout::Aligned => rows
            .iter()
            .map(|r| r.join("      "))
            .collect::<Vec<_>>()
            .join("\n"),
        Layout::Html => {
            let mut t = String::from("<table border=\"1\">\n");
            for r in rows {
                t.push_str("<tr>");
                for c in r {
                    let c = if c.is_empty() { "&nbsp;" } else { c };
                    t.push_str(&format!("<td>{c}</td>"));
                }
                t.push_str("</tr>\n");
            }
            t.push_str("</table>");
            t
        }
    }
}

fn render(v: &Values, layout: Layout) -> String {
    let [t2, t3, t4] = tables(v);
    let parts = [
        "某某县某某局2024年政府信息公开工作年度报告".to_string(),
        "一、总体情况".into(),
        "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。".into(),
        "二、主动公开政府信息情况".into(),
        render_table(&t2, layout),
        "三、收到和处理政府信息公开申请情况".into(),
        render_table(&t3, layout),
        "四、政府信息公开行政复议、行政诉讼情况".into(),
        render_table(&t4, layout),
        "五、存在的主要问题及改进情况".into(),
        "无。".into(),
        "六、其他需要报告的事项".into(),
        "无。".into(),
    ];
    match layout {
        Layout::Html => format!(
            "<html><body>\n{}\n</body></html>\n",
            parts
                .iter()
                .map(|p| if p.starts_with("<table") {
                    p.clone()
                } else {
                    format!("<p>{p}</p>")
                })
                .collect::<Vec<_>>()
                .join("\n")
        ),
        _ => parts.join("\n\n") + "\n",
    }
}

/// The values as the contract's JSON.
fn expected(v: &Values) -> Value {
    let mut apps = Map::new();
    for (k, (key, _)) in PART3.iter().enumerate() {
        let row: Map<String, Value> = COLUMNS
            .iter()
            .enumerate()
            .map(|(c, col)| (col.to_string(), json!(v.applications[k * 7 + c])))
            .collect();
        apps.insert(key.to_string(), Value::Object(row));
    }
    let group = |g: usize| {
        let keys = ["upheld", "corrected", "other", "pending", "total"];
        let m: Map<String, Value> = keys
            .iter()
            .enumerate()
            .map(|(c, k)| (k.to_string(), json!(v.review[g * 5 + c])))
            .collect();
        Value::Object(m)
    };
    let docs = |k: usize| {
        json!({"issued": v.documents[k * 3], "repealed": v.documents[k * 3 + 1],
               "in_force": v.documents[k * 3 + 2]})
    };
    json!({
        "active_disclosure": {
            "rules": docs(0),
            "normative_documents": docs(1),
            "licensing": {"decisions": v.decisions[0]},
            "punishment": {"decisions": v.decisions[1]},
            "coercion": {"decisions": v.decisions[2]},
            "fees": {"amount": v.fees.map(|c| c as f64 / 100.0)},
        },
        "applications": apps,
        "review_litigation": {
            "review": group(0),
            "litigation_direct": group(1),
            "litigation_after_review": group(2),
        },
    })
}

fn assert_same(want: &Value, got: &Value, path: &str) -> Result<(), TestCaseError> {
    match (want, got) {
        (Value::Object(w), _) => {
            for (k, wv) in w {
                assert_same(wv, &got[k], &format!("{path}.{k}"))?;
            }
        }
        (Value::Number(w), Value::Number(g)) => {
            let (w, g) = (w.as_f64().unwrap(), g.as_f64().unwrap());
            prop_assert!((w - g).abs() < 1e-6, "{path}: want {w} got {g}");
        }
        _ => prop_assert_eq!(want, got, "{}", path),
    }
    Ok(())
}

fn roundtrip(v: &Values, layout: Layout) -> Result<(), TestCaseError> {
    let text = render(v, layout);
    let report = gongkai::parse(&text).to_value();
    prop_assert_eq!(&report["template"], "2021");
    assert_same(&expected(v), &report, "")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn cell_per_line_tables_parse_back(v in values(true)) {
        roundtrip(&v, Layout::CellPerLine)?;
    }

    #[test]
    fn tab_row_tables_parse_back(v in values(true)) {
        roundtrip(&v, Layout::TabRows)?;
    }

    #[test]
    fn pipe_tables_parse_back(v in values(true)) {
        roundtrip(&v, Layout::Pipe)?;
    }

    #[test]
    fn aligned_tables_parse_back(v in values(false)) {
        roundtrip(&v, Layout::Aligned)?;
    }

    #[test]
    fn html_tables_parse_back(v in values(true)) {
        roundtrip(&v, Layout::Html)?;
    }
}

/// How a converter mangles a table that keeps empty cells but not their positions.
#[derive(Debug, Clone, Copy)]
struct Mangling {
    /// Values under the header's columns: empty cells after a row's labels up to the
    /// widest label (merged label columns); otherwise values right after the labels.
    under_header: bool,
    /// Empty cells added after every row, beyond the widest row (markdown converters pad
    /// every row to the widest).
    padding: usize,
    /// Trailing empty cells lost (tab rows copied without their trailing tabs).
    lose_trailing: bool,
}

fn mangling() -> impl Strategy<Value = Mangling> {
    (any::<bool>(), 0usize..3, any::<bool>()).prop_map(|(under_header, padding, lose_trailing)| {
        Mangling {
            under_header,
            padding,
            lose_trailing,
        }
    })
}

/// A table's rows as a converter writes them: labels, placeholders, values, padding.
fn mangle(rows: &[Vec<String>], label_cells: &[usize], m: Mangling) -> Vec<Vec<String>> {
    // The widest label of the rows that have values (a header row is all labels).
    let widest_label = rows
        .iter()
        .zip(label_cells)
        .filter(|(r, &l)| r.len() > l)
        .map(|(_, &l)| l)
        .max()
        .unwrap_or(1);
    let mut out: Vec<Vec<String>> = rows
        .iter()
        .zip(label_cells)
        .map(|(r, &labels)| {
            let mut row: Vec<String> = r[..labels].to_vec();
            if m.under_header && labels > 0 && labels < r.len() {
                row.extend(std::iter::repeat_n(String::new(), widest_label - labels));
            }
            row.extend(r[labels..].iter().cloned());
            row
        })
        .collect();
    let widest = out.iter().map(Vec::len).max().unwrap_or(0) + m.padding;
    for row in &mut out {
        row.resize(widest, String::new());
        if m.lose_trailing {
            while row.last().is_some_and(String::is_empty) {
                row.pop();
            }
        }
    }
    out
}

/// The number of label cells opening each row of a table from [`tables`] (header rows
/// count as all labels).
fn label_cells(rows: &[Vec<String>]) -> Vec<usize> {
    rows.iter()
        .map(|r| {
            r.iter()
                .take_while(|c| c.parse::<f64>().is_err() && !c.is_empty())
                .count()
        })
        .collect()
}

/// Renders the report with mangled tables and asserts that every value is read exactly
/// or named by a diagnostic: never wrong in silence.
fn exact_or_flagged(v: &Values, layout: Layout, m: Mangling) -> Result<(), TestCaseError> {
    let [t2, t3, t4] = tables(v);
    let table = |t: &[Vec<String>]| {
        let labels = label_cells(t);
        let rows = mangle(t, &labels, m);
        match layout {
            Layout::Pipe => rows
                .iter()
                .map(|r| format!("| {} |", r.join(" | ")))
                .collect::<Vec<_>>()
                .join("\n"),
            // Blank cells vanish between runs of spaces.
            Layout::Aligned => rows
                .iter()
                .map(|r| r.join("      ").trim_end().to_string())
                .collect::<Vec<_>>()
                .join("\n"),
            _ => rows
                .iter()
                .map(|r| r.join("\t"))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    };
    let text = short_report([table(&t2), table(&t3), table(&t4)], "\n");
    assert_exact_or_flagged(v, &text)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn padded_pipe_tables_are_exact_or_flagged(v in values(true), m in mangling()) {
        exact_or_flagged(&v, Layout::Pipe, m)?;
    }

    #[test]
    fn aligned_tables_with_blank_cells_are_exact_or_flagged(v in values(true)) {
        let m = Mangling { under_header: false, padding: 0, lose_trailing: true };
        exact_or_flagged(&v, Layout::Aligned, m)?;
    }

    #[test]
    fn tab_rows_with_lost_cells_are_exact_or_flagged(v in values(true), m in mangling()) {
        exact_or_flagged(&v, Layout::TabRows, m)?;
    }
}

/// A report of the three tables alone, as `tables` renders them, between the headings
/// of parts 1–5, its blocks joined by `sep`.
fn short_report(tables: [String; 3], sep: &str) -> String {
    let [t2, t3, t4] = tables;
    [
        "某某县某某局2024年政府信息公开工作年度报告".to_string(),
        "一、总体情况".into(),
        "二、主动公开政府信息情况".into(),
        t2,
        "三、收到和处理政府信息公开申请情况".into(),
        t3,
        "四、政府信息公开行政复议、行政诉讼情况".into(),
        t4,
        "五、存在的主要问题及改进情况".into(),
    ]
    .join(sep)
        + "\n"
}

/// A table's non-empty cells, each on a line of its own with a blank line between, as
/// reading-order text prints them.
fn cells(t: &[Vec<String>]) -> String {
    t.iter()
        .flatten()
        .filter(|c| !c.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The report in reading order (plain `pdftotext`): every cell on a line of its own;
/// the rows whose flag is set print their label apart, in a block after the table, as
/// narrow merged label cells come out.
fn reading_order(v: &Values, apart: &[bool]) -> String {
    let [t2, t3, t4] = tables(v);
    let mut part3 = Vec::new();
    let mut block = Vec::new();
    let labels = label_cells(&t3);
    for (k, row) in t3.iter().enumerate() {
        let split = labels[k];
        let is_data = k >= 3;
        if is_data && apart[(k - 3) % apart.len()] {
            block.extend(row[..split].iter().cloned());
            part3.extend(row[split..].iter().cloned());
        } else {
            part3.extend(row.iter().cloned());
        }
    }
    part3.extend(block);
    short_report([cells(&t2), part3.join("\n\n"), cells(&t4)], "\n")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn reading_order_text_is_exact_or_flagged(
        v in values(false),
        apart in proptest::collection::vec(proptest::bool::weighted(0.3), 25),
    ) {
        let text = reading_order(&v, &apart);
        assert_exact_or_flagged(&v, &text)?;
    }
}

/// Part 3's values made to add up (each row's total the sum of its six applicant
/// columns), with most cells zero where `zero` says so, as real tables are: the reading
/// of a stream of numbers leans on those sums, and zeros make readings coincide.
fn balanced_values() -> impl Strategy<Value = Values> {
    (
        values(false),
        proptest::collection::vec(proptest::bool::weighted(0.7), 25 * 7),
    )
        .prop_map(|(mut v, zero)| {
            for (cell, z) in v.applications.iter_mut().zip(&zero) {
                if *z {
                    *cell = Some(0);
                }
            }
            for row in v.applications.chunks_mut(7) {
                row[6] = Some(row[..6].iter().flatten().sum());
            }
            v
        })
}

/// Reading order as plain `pdftotext` gives some tables: stretches of part-3 rows
/// printed column by column (the first cell of each row of the stretch on consecutive
/// lines, then the second…), their labels in a block elsewhere. `shape[k]` of 2 or 3
/// starts such a stretch of that many rows at data row `k`.
fn reading_order_by_columns(v: &Values, shape: &[u8]) -> String {
    let [t2, t3, t4] = tables(v);
    let labels = label_cells(&t3);
    let (mut part3, mut block) = (Vec::new(), Vec::new());
    for row in &t3[..3] {
        part3.extend(row.iter().cloned());
    }
    let data = &t3[3..];
    let mut k = 0;
    while k < data.len() {
        let m = usize::from(shape[k]).min(data.len() - k);
        if m < 2 {
            part3.extend(data[k].iter().cloned());
            k += 1;
            continue;
        }
        for (j, row) in data[k..k + m].iter().enumerate() {
            block.extend(row[..labels[3 + k + j]].iter().cloned());
        }
        for c in 0..7 {
            let column: Vec<String> = data[k..k + m]
                .iter()
                .enumerate()
                .map(|(j, row)| row[labels[3 + k + j] + c].clone())
                .collect();
            part3.push(column.join("\n"));
        }
        k += m;
    }
    part3.extend(block);
    short_report([cells(&t2), part3.join("\n\n"), cells(&t4)], "\n")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn reading_order_printed_by_columns_is_exact_or_flagged(
        v in balanced_values(),
        shape in proptest::collection::vec(prop_oneof![6 => Just(0u8), 1 => Just(2u8), 1 => Just(3u8)], 25),
    ) {
        let text = reading_order_by_columns(&v, &shape);
        assert_exact_or_flagged(&v, &text)?;
    }
}

/// A table as PDF-to-markdown converters print it: each row's label cells on a line of
/// their own, above its numbers or below them (`below`), the numbers as a markdown row
/// (`piped`) or separated by spaces (blank cells then vanish); a row whose `lost` flag is
/// set has no label line at all.
fn labels_apart(rows: &[Vec<String>], below: bool, piped: bool, lost: &[bool]) -> String {
    let labels = label_cells(rows);
    let mut out = Vec::new();
    for (k, row) in rows.iter().enumerate() {
        let (label, values) = row.split_at(labels[k]);
        let label = label.join(" ");
        if values.is_empty() {
            out.push(label);
            continue;
        }
        let numbers = if piped {
            format!("| {} |", values.join(" | "))
        } else {
            values
                .iter()
                .filter(|v| !v.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join("    ")
        };
        let label = if lost[k % lost.len()] {
            None
        } else {
            Some(label)
        };
        if below {
            out.push(numbers);
            out.extend(label);
        } else {
            out.extend(label);
            out.push(numbers);
        }
    }
    out.retain(|l| !l.trim().is_empty());
    out.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn labels_apart_from_their_numbers_are_exact_or_flagged(
        v in values(true),
        below in any::<bool>(),
        piped in any::<bool>(),
        lost in proptest::collection::vec(proptest::bool::weighted(0.1), 31),
    ) {
        let [t2, t3, t4] = tables(&v);
        let table = |t: &[Vec<String>]| labels_apart(t, below, piped, &lost);
        let text = short_report([table(&t2), table(&t3), table(&t4)], "\n");
        assert_exact_or_flagged(&v, &text)?;
    }
}

/// Parses `text` and asserts that every value of `v` is read exactly or named by a
/// diagnostic.
fn assert_exact_or_flagged(v: &Values, text: &str) -> Result<(), TestCaseError> {
    let report = gongkai::parse(text).to_value();
    let c = gongkai::compare::compare(&report, &expected(v));
    let silent: Vec<String> = c
        .mismatches
        .iter()
        .filter(|m| !m.flagged)
        .map(|m| format!("{}: want {} got {}", m.path, m.want, m.got))
        .collect();
    prop_assert!(silent.is_empty(), "{}\n{text}", silent.join("\n"));
    Ok(())
}

/// Display width as `pdftotext -layout` spaces text: a CJK character takes two columns.
fn width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// `text` padded with spaces to display column `col` (at least one space after text).
fn pad_to(line: &mut String, col: usize) {
    let w = width(line);
    line.push_str(&" ".repeat(col.saturating_sub(w).max(usize::from(w > 0))));
}

/// The groups of part 3's merged label cells: label, first and last data row.
const GROUPS: [(&str, usize, usize, usize); 5] = [
    ("三、本年度办理结果", 0, 2, 23),
    ("（三）不予公开", 4, 4, 11),
    ("（四）无法提供", 4, 12, 14),
    ("（五）不予处理", 4, 15, 19),
    ("（六）其他处理", 4, 20, 22),
];

/// Part 3 as `pdftotext -layout` prints a PDF table whose label column is narrow: a
/// label wider than its column, or whose `wrap` code asks, runs over several lines, and
/// its numbers stand on the first (code 1), the last (2), the middle (3, and labels
/// forced to wrap) of them, or on a line of their own after them (4). A merged group
/// label (（三）不予公开…) stands at its group's middle row, on a line of its own or, where
/// `shared` says, on that row's first line, left of the row's label.
fn wrapped_labels(v: &Values, wrap: &[u8], shared: &[bool]) -> String {
    const NUMBERS_AT: usize = 64;
    let [t2, t3, t4] = tables(v);
    let mut lines: Vec<String> = t3[..3].iter().map(|r| r.join("      ")).collect();
    for (k, (_, labels)) in PART3.iter().enumerate() {
        let label = labels[labels.len() - 1];
        let indent = match k {
            0 | 1 | 24 => 0,
            2 | 3 | 23 => 4,
            _ => 20,
        };
        let per_line = (NUMBERS_AT - 4 - indent) / 2;
        let chars: Vec<char> = label.chars().collect();
        let code = wrap[k % wrap.len()];
        let least = chars.len().div_ceil(per_line);
        // A short label (`（七）总计`) fits its column and is not wrapped.
        let n = match code {
            _ if chars.len() < 6 => least,
            0 => least,
            3 => least.max(3),
            _ => least.max(2),
        };
        // Wrapped lines break after the numbering (`（三）`, `5.`), never inside it.
        let numbering = chars
            .iter()
            .position(|c| matches!(c, '）' | '.'))
            .map_or(0, |p| p + 1);
        let size = chars.len().div_ceil(n).max(numbering + 1);
        let pieces: Vec<String> = chars.chunks(size).map(|c| c.iter().collect()).collect();
        let numbers_on = match code {
            1 => Some(0),
            2 => Some(pieces.len() - 1),
            4 => None,
            _ => Some(pieces.len() / 2),
        };
        let numbers: String = v.applications[k * 7..k * 7 + 7]
            .iter()
            .map(|x| format!(" {:>7}", cell(*x)))
            .collect();
        let mut group_here = GROUPS
            .iter()
            .enumerate()
            .filter(|(_, (_, _, first, last))| first + (last - first) / 2 == k);
        let mut beside = None;
        for (g, (glabel, gindent, _, _)) in group_here.by_ref() {
            if shared[g] && *gindent > 0 {
                beside = Some((*glabel, *gindent));
            } else {
                lines.push(format!("{}{glabel}", " ".repeat(*gindent)));
            }
        }
        for (i, piece) in pieces.iter().enumerate() {
            let mut line = String::new();
            if let (0, Some((glabel, gindent))) = (i, beside) {
                line = format!("{}{glabel}", " ".repeat(gindent));
            }
            pad_to(&mut line, indent);
            line.push_str(piece);
            if numbers_on == Some(i) {
                pad_to(&mut line, NUMBERS_AT);
                line.push_str(&numbers);
            }
            lines.push(line);
        }
        if numbers_on.is_none() {
            lines.push(format!("{}{numbers}", " ".repeat(NUMBERS_AT)));
        }
    }
    let aligned = |t: &[Vec<String>]| render_table(t, Layout::Aligned);
    short_report([aligned(&t2), lines.join("\n"), aligned(&t4)], "\n")
}

/// One wrap code per part-3 row (see [`wrapped_labels`]): most rows on one line.
fn wrap_codes() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(prop_oneof![4 => Just(0u8), 1 => 1u8..5], 25)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn labels_wrapped_around_their_numbers_parse_back(
        v in values(false),
        wrap in wrap_codes(),
        shared in proptest::collection::vec(any::<bool>(), 5),
    ) {
        let report = gongkai::parse(&wrapped_labels(&v, &wrap, &shared)).to_value();
        assert_same(&expected(&v), &report, "")?;
    }

    #[test]
    fn wrapped_labels_over_vanished_blank_cells_are_exact_or_flagged(
        v in values(true),
        wrap in wrap_codes(),
        shared in proptest::collection::vec(any::<bool>(), 5),
    ) {
        assert_exact_or_flagged(&v, &wrapped_labels(&v, &wrap, &shared))?;
    }
}

/// One cell of a ruled table: its text and the grid rows and columns it covers.
struct Boxed {
    text: String,
    row: usize,
    col: usize,
    rows: usize,
    cols: usize,
}

fn boxed(text: &str, row: usize, col: usize, rows: usize, cols: usize) -> Boxed {
    Boxed {
        text: text.to_string(),
        row,
        col,
        rows,
        cols,
    }
}

/// The columns a character takes in a text browser's dump: rules, ASCII and general
/// punctuation one, CJK characters and fullwidth forms two.
fn cell_width(c: char) -> usize {
    if (c as u32) < 0x1100 || ('\u{2000}'..='\u{2BFF}').contains(&c) {
        1
    } else {
        2
    }
}

/// `text` cut into lines no wider than `width` display columns.
fn wrap_cell(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut used = 0;
    for c in text.chars() {
        if used + cell_width(c) > width {
            lines.push(String::new());
            used = 0;
        }
        lines.last_mut().unwrap().push(c);
        used += cell_width(c);
    }
    lines
}

/// A table drawn with rules, as `w3m -dump` prints one (box-drawing characters) or
/// pandoc a grid table (`+`, `-`, `|`): columns `widths` wide, text wrapped inside its
/// cell over as many lines as it needs, a merged cell drawn without the rules inside it,
/// its text at the top of its box or in the middle.
fn ruled_table(cells: &[Boxed], widths: &[usize], ascii: bool, middle: bool) -> String {
    let rows = cells.iter().map(|c| c.row + c.rows).max().unwrap_or(0);
    let cols = widths.len();
    let mut owner = vec![vec![usize::MAX; cols]; rows];
    for (k, c) in cells.iter().enumerate() {
        for row in owner.iter_mut().skip(c.row).take(c.rows) {
            for o in row.iter_mut().skip(c.col).take(c.cols) {
                *o = k;
            }
        }
    }
    let inner = |c: &Boxed| widths[c.col..c.col + c.cols].iter().sum::<usize>() + c.cols - 1;
    let texts: Vec<Vec<String>> = cells.iter().map(|c| wrap_cell(&c.text, inner(c))).collect();
    // Each grid row as high as its one-row cells need; a merged cell that needs more
    // lines than its rows (and in box drawing the rules between them, which its text runs
    // across) give makes its last row higher.
    let across = usize::from(!ascii);
    let mut heights = vec![1usize; rows];
    for (c, t) in cells.iter().zip(&texts).filter(|(c, _)| c.rows == 1) {
        heights[c.row] = heights[c.row].max(t.len());
    }
    for (c, t) in cells.iter().zip(&texts).filter(|(c, _)| c.rows > 1) {
        let have = heights[c.row..c.row + c.rows].iter().sum::<usize>() + (c.rows - 1) * across;
        if have < t.len() {
            heights[c.row + c.rows - 1] += t.len() - have;
        }
    }
    // The rule line above each row.
    let mut top = vec![0usize; rows + 1];
    for r in 0..rows {
        top[r + 1] = top[r] + 1 + heights[r];
    }
    // The output lines each cell's text may stand on.
    let slots: Vec<Vec<usize>> = cells
        .iter()
        .map(|c| {
            (top[c.row] + 1..top[c.row + c.rows])
                .filter(|at| !ascii || !top.contains(at))
                .collect()
        })
        .collect();
    let wall = |r: usize, b: usize| b == 0 || b == cols || owner[r][b - 1] != owner[r][b];
    let flat = |r: usize, c: usize| r == 0 || r == rows || owner[r - 1][c] != owner[r][c];
    // The line of cell `k`'s text shown at output line `at`, padded to the cell's width:
    // a merged cell's text runs on across the rules inside it.
    let text_at = |k: usize, at: usize| {
        let c = &cells[k];
        let t = &texts[k];
        let offset = if middle {
            slots[k].len().saturating_sub(t.len()) / 2
        } else {
            0
        };
        let text = slots[k]
            .iter()
            .position(|&s| s == at)
            .and_then(|j| j.checked_sub(offset))
            .and_then(|i| t.get(i))
            .cloned()
            .unwrap_or_default();
        let w: usize = text.chars().map(cell_width).sum();
        text + &" ".repeat(inner(c) - w)
    };
    let mut out = Vec::new();
    for r in 0..=rows {
        // The rule above row `r` (below the last row at `rows`).
        let mut line = String::new();
        let mut b = 0;
        while b <= cols {
            let up = r > 0 && wall(r - 1, b);
            let down = r < rows && wall(r, b);
            let left = b > 0 && flat(r, b - 1);
            let right = b < cols && flat(r, b);
            line.push(junction(up, down, left, right, ascii));
            if b == cols {
                break;
            }
            if flat(r, b) {
                line.extend(std::iter::repeat_n(
                    if ascii { '-' } else { '─' },
                    widths[b],
                ));
                b += 1;
            } else {
                let k = owner[r][b];
                line.push_str(&text_at(k, top[r]));
                b += cells[k].cols;
            }
        }
        out.push(line.trim_end().to_string());
        if r == rows {
            break;
        }
        for y in 0..heights[r] {
            let mut line = String::new();
            let mut b = 0;
            while b < cols {
                line.push(if ascii { '|' } else { '│' });
                let k = owner[r][b];
                line.push_str(&text_at(k, top[r] + 1 + y));
                b += cells[k].cols;
            }
            line.push(if ascii { '|' } else { '│' });
            out.push(line);
        }
    }
    out.join("\n")
}

/// The rule character where rules meet, from the directions they leave in.
fn junction(up: bool, down: bool, left: bool, right: bool, ascii: bool) -> char {
    if ascii {
        return match (up || down, left || right) {
            (true, false) => '|',
            (false, true) => '-',
            (false, false) => ' ',
            (true, true) => '+',
        };
    }
    match (up, down, left, right) {
        (true, true, true, true) => '┼',
        (true, true, false, true) => '├',
        (true, true, true, false) => '┤',
        (false, true, true, true) => '┬',
        (true, false, true, true) => '┴',
        (false, true, false, true) => '┌',
        (false, true, true, false) => '┐',
        (true, false, false, true) => '└',
        (true, false, true, false) => '┘',
        (true, true, false, false) => '│',
        (false, false, true, true) => '─',
        _ => ' ',
    }
}

/// The report's three tables as ruled tables with the template's merged cells: part 2's
/// headings across the table, part 3's group labels down their rows and its header in
/// two levels, part 4's headers over their columns. Label columns are `narrow` or not:
/// narrow columns wrap most labels over several lines.
fn ruled_report(v: &Values, ascii: bool, middle: bool, narrow: bool) -> String {
    let [t2, t3, t4] = merged_tables(v);
    let label = if narrow { 8 } else { 30 };
    let w3 = [label, label, label + 6, 8, 8, 8, 8, 8, 8, 8];
    short_report(
        [
            ruled_table(&t2, &[label + 6, 10, 10, 10], ascii, middle),
            ruled_table(&t3, &w3, ascii, middle),
            ruled_table(&t4, &[8; 15], ascii, middle),
        ],
        "\n",
    )
}

/// The report's three tables with the template's merged cells, as grids of [`Boxed`]
/// cells.
fn merged_tables(v: &Values) -> [Vec<Boxed>; 3] {
    let n = |x: Option<u64>| cell(x);
    // Part 2.
    let mut t2 = Vec::new();
    let mut r = 0;
    let heading = |t2: &mut Vec<Boxed>,
                   r: &mut usize,
                   item: &str,
                   head: &str,
                   values: &[(&str, String)],
                   wide: bool| {
        t2.push(boxed(item, *r, 0, 1, 4));
        if wide {
            t2.push(boxed("信息内容", *r + 1, 0, 1, 1));
            for (k, h) in ["本年制发件数", "本年废止件数", "现行有效件数"]
                .iter()
                .enumerate()
            {
                t2.push(boxed(h, *r + 1, k + 1, 1, 1));
            }
        } else {
            t2.push(boxed("信息内容", *r + 1, 0, 1, 1));
            t2.push(boxed(head, *r + 1, 1, 1, 3));
        }
        *r += 2;
        for (label, value) in values {
            t2.push(boxed(label, *r, 0, 1, 1));
            if wide {
                for (k, x) in value.split('\t').enumerate() {
                    t2.push(boxed(x, *r, k + 1, 1, 1));
                }
            } else {
                t2.push(boxed(value, *r, 1, 1, 3));
            }
            *r += 1;
        }
    };
    let docs = |k: usize| {
        v.documents[k * 3..k * 3 + 3]
            .iter()
            .map(|x| n(*x))
            .collect::<Vec<_>>()
            .join("\t")
    };
    heading(
        &mut t2,
        &mut r,
        "第二十条第（一）项",
        "",
        &[("规章", docs(0)), ("行政规范性文件", docs(1))],
        true,
    );
    let decided = "本年处理决定数量";
    heading(
        &mut t2,
        &mut r,
        "第二十条第（五）项",
        decided,
        &[("行政许可", n(v.decisions[0]))],
        false,
    );
    heading(
        &mut t2,
        &mut r,
        "第二十条第（六）项",
        decided,
        &[
            ("行政处罚", n(v.decisions[1])),
            ("行政强制", n(v.decisions[2])),
        ],
        false,
    );
    heading(
        &mut t2,
        &mut r,
        "第二十条第（八）项",
        "本年收费金额（单位：万元）",
        &[("行政事业性收费", fee_cell(v.fees))],
        false,
    );

    // Part 3: three label columns, then 自然人, five 法人或其他组织 columns, 总计.
    let mut t3 = vec![
        boxed(
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            0,
            0,
            3,
            3,
        ),
        boxed("申请人情况", 0, 3, 1, 7),
        boxed("自然人", 1, 3, 2, 1),
        boxed("法人或其他组织", 1, 4, 1, 5),
        boxed("总计", 1, 9, 2, 1),
    ];
    for (k, h) in [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    .iter()
    .enumerate()
    {
        t3.push(boxed(h, 2, 4 + k, 1, 1));
    }
    // 三、本年度办理结果 in the first label column, the four groups under it in the second.
    for (g, (label, _, first, last)) in GROUPS.iter().enumerate() {
        let col = usize::from(g > 0);
        t3.push(boxed(label, 3 + first, col, last - first + 1, 1));
    }
    for (k, (_, labels)) in PART3.iter().enumerate() {
        let label = labels[labels.len() - 1];
        let (col, cols) = match k {
            0 | 1 | 24 => (0, 3),
            2 | 3 | 23 => (1, 2),
            _ => (2, 1),
        };
        t3.push(boxed(label, 3 + k, col, 1, cols));
        for c in 0..7 {
            t3.push(boxed(&n(v.applications[k * 7 + c]), 3 + k, 3 + c, 1, 1));
        }
    }

    // Part 4.
    let results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut t4 = vec![
        boxed("行政复议", 0, 0, 2, 5),
        boxed("行政诉讼", 0, 5, 1, 10),
        boxed("未经复议直接起诉", 1, 5, 1, 5),
        boxed("复议后起诉", 1, 10, 1, 5),
    ];
    for (k, h) in results.iter().chain(&results).chain(&results).enumerate() {
        t4.push(boxed(h, 2, k, 1, 1));
    }
    for (k, x) in v.review.iter().enumerate() {
        t4.push(boxed(&n(*x), 3, k, 1, 1));
    }

    [t2, t3, t4]
}

/// An HTML table of [`Boxed`] cells: each cell in the `<tr>` of the row it starts in, with
/// its `rowspan` and `colspan`; a blank cell as `&nbsp;` or empty, as `nbsp` says.
fn html_table(cells: &[Boxed], nbsp: bool) -> String {
    let rows = cells.iter().map(|c| c.row + 1).max().unwrap_or(0);
    let mut t = String::from("<table border=\"1\">\n");
    for r in 0..rows {
        t.push_str("<tr>");
        for c in cells.iter().filter(|c| c.row == r) {
            let mut attrs = String::new();
            if c.rows > 1 {
                attrs += &format!(" rowspan=\"{}\"", c.rows);
            }
            if c.cols > 1 {
                attrs += &format!(" colspan=\"{}\"", c.cols);
            }
            let text = match c.text.as_str() {
                "" if nbsp => "&nbsp;",
                t => t,
            };
            t.push_str(&format!("<td{attrs}>{text}</td>"));
        }
        t.push_str("</tr>\n");
    }
    t + "</table>"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn ruled_tables_with_merged_and_wrapped_cells_parse_back(
        v in values(true),
        ascii in any::<bool>(),
        middle in any::<bool>(),
        narrow in any::<bool>(),
    ) {
        let report = gongkai::parse(&ruled_report(&v, ascii, middle, narrow)).to_value();
        assert_same(&expected(&v), &report, "")?;
    }
}

/// The report as a crawler copies a page whose line breaks were lost: every line and
/// every cell run together, with a space between them (`spaced`) or nothing (`规章000`).
fn unbroken(v: &Values, spaced: bool) -> String {
    let sep = if spaced { " " } else { "" };
    let [t2, t3, t4] = tables(v);
    let table = |t: &[Vec<String>]| {
        t.iter()
            .flatten()
            .filter(|c| !c.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(sep)
    };
    [
        "某某县某某局2024年政府信息公开工作年度报告".to_string(),
        "一、总体情况".into(),
        "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。".into(),
        "二、主动公开政府信息情况".into(),
        table(&t2),
        "三、收到和处理政府信息公开申请情况".into(),
        table(&t3),
        "四、政府信息公开行政复议、行政诉讼情况".into(),
        table(&t4),
        "五、存在的主要问题及改进情况".into(),
        "无。".into(),
        "六、其他需要报告的事项".into(),
        "无。".into(),
    ]
    .join(sep)
        + "\n"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn text_whose_line_breaks_were_lost_is_exact_or_flagged(
        v in values(true),
        spaced in any::<bool>(),
    ) {
        assert_exact_or_flagged(&v, &unbroken(&v, spaced))?;
    }
}

/// One cell per line as text copied out of Word, where a `lost` flag set drops the line
/// of a blank cell (nothing marks where it was) instead of keeping it empty.
fn cell_per_line_lossy(v: &Values, lost: &[bool]) -> String {
    let [t2, t3, t4] = tables(v);
    let mut k = 0;
    let mut table = |t: &[Vec<String>]| {
        t.iter()
            .map(|r| {
                r.iter()
                    .filter(|c| {
                        k += 1;
                        !(c.is_empty() && lost[k % lost.len()])
                    })
                    .map(|c| format!("\t{c}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let (t2, t3, t4) = (table(&t2), table(&t3), table(&t4));
    short_report([t2, t3, t4], "\n\n")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn cell_per_line_that_lost_blank_cells_is_exact_or_flagged(
        v in values(true),
        lost in proptest::collection::vec(proptest::bool::weighted(0.5), 17),
    ) {
        assert_exact_or_flagged(&v, &cell_per_line_lossy(&v, &lost))?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn html_tables_with_merged_cells_parse_back(v in values(true), nbsp in any::<bool>()) {
        let [t2, t3, t4] = merged_tables(&v);
        let p = |t: &str| format!("<p>{t}</p>");
        let page = [
            p("某某县某某局2024年政府信息公开工作年度报告"),
            p("一、总体情况"),
            p("二、主动公开政府信息情况"),
            html_table(&t2, nbsp),
            p("三、收到和处理政府信息公开申请情况"),
            html_table(&t3, nbsp),
            p("四、政府信息公开行政复议、行政诉讼情况"),
            html_table(&t4, nbsp),
            p("五、存在的主要问题及改进情况"),
        ]
        .join("\n");
        let page = format!("<html><body>\n{page}\n</body></html>\n");
        let report = gongkai::parse(&page).to_value();
        assert_same(&expected(&v), &report, "")?;
    }
}
