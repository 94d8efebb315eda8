//! The docs list every diagnostic code, with the severity the code has.

#[test]
fn every_code_is_documented() {
    let doc = include_str!("../../../docs/diagnostics.md");
    for code in gongkai::Code::ALL {
        let sev = code.severity().as_str();
        let row = format!("| `{}` | {sev} |", code.as_str());
        assert!(doc.contains(&row), "docs/diagnostics.md lacks {row}");
    }
}

/// Every key of the output's tables for a template: (table, row, column).
fn table_keys(template: gongkai::Template) -> Vec<(String, String, String)> {
    let report = gongkai::Report {
        schema_version: gongkai::SCHEMA_VERSION,
        template,
        meta: Default::default(),
        sections: Vec::new(),
        active_disclosure: gongkai::ActiveDisclosure::empty(template),
        applications: gongkai::Applications {
            other_handling: Some(Default::default()),
            ..Default::default()
        },
        review_litigation: Default::default(),
        diagnostics: Vec::new(),
    };
    report
        .tidy()
        .into_iter()
        .map(|c| (c.table.to_string(), c.row, c.column))
        .collect()
}

#[test]
fn the_python_stubs_name_every_row_of_the_template() {
    let pyi = include_str!("../../../bindings/python/python/gongkai/__init__.pyi");
    for template in [gongkai::Template::T2021, gongkai::Template::T2019] {
        for (_, row, _) in table_keys(template) {
            assert!(
                pyi.contains(&format!("    {row}: ")),
                "__init__.pyi lacks the row {row}"
            );
        }
    }
}

#[test]
fn the_output_reference_names_every_row_and_column() {
    let doc = include_str!("../../../docs/report-json.md");
    for template in [gongkai::Template::T2021, gongkai::Template::T2019] {
        for (table, row, column) in table_keys(template) {
            for key in [&row, &column] {
                let quoted = format!("\"{key}\"");
                let code = format!("`{key}`");
                assert!(
                    doc.contains(&quoted) || doc.contains(&code),
                    "docs/report-json.md lacks {table}.{row}.{column} ({key})"
                );
            }
        }
    }
}

#[test]
fn every_row_and_column_has_its_printed_label() {
    for template in [gongkai::Template::T2021, gongkai::Template::T2019] {
        for (table, row, column) in table_keys(template) {
            assert!(
                gongkai::row_label(&table, template, &row).is_some(),
                "no label for {table}.{row}"
            );
            if column != "organizations" {
                assert!(
                    gongkai::column_label(&table, template, &row, &column).is_some(),
                    "no label for {table}.{row}.{column}"
                );
            }
        }
    }
}
