//! The three tables of a template as the page draws them: keys and Chinese labels.

use gongkai::{
    column_label, row_label, ActiveDisclosure, Template, APPLICANT_COLUMNS, APPLICATION_ROWS,
    REVIEW_COLUMNS, REVIEW_GROUPS,
};
use serde_json::{json, Value};

fn template(name: &str) -> Result<Template, String> {
    name.parse()
        .map_err(|e: gongkai::UnknownTemplate| e.to_string())
}

fn entry(key: &str, label: Option<&str>) -> Value {
    json!({ "key": key, "label": label.unwrap_or(key) })
}

/// `{template, active_disclosure: [{key, label, columns: [{key, label}]}],
/// applications: {rows, columns}, review_litigation: {groups, columns}}`.
pub(crate) fn layout(name: &str) -> Result<String, String> {
    let t = template(name)?;
    // Part 2's rows and columns in the template's order, from its empty table.
    let empty = serde_json::to_value(ActiveDisclosure::empty(t)).map_err(|e| e.to_string())?;
    let mut part2 = Vec::new();
    for (row, cols) in empty.as_object().into_iter().flatten() {
        let columns: Vec<Value> = cols
            .as_object()
            .into_iter()
            .flatten()
            .map(|(c, _)| entry(c, column_label("active_disclosure", t, row, c)))
            .collect();
        let mut e = entry(row, row_label("active_disclosure", t, row));
        e["columns"] = Value::Array(columns);
        part2.push(e);
    }
    let rows: Vec<Value> = APPLICATION_ROWS
        .iter()
        .chain(["other_handling"].iter())
        .map(|r| entry(r, row_label("applications", t, r)))
        .collect();
    let columns: Vec<Value> = APPLICANT_COLUMNS
        .iter()
        .chain(["organizations", "total"].iter())
        .map(|c| entry(c, column_label("applications", t, "new_received", c)))
        .collect();
    let groups: Vec<Value> = REVIEW_GROUPS
        .iter()
        .map(|g| entry(g, row_label("review_litigation", t, g)))
        .collect();
    let review_columns: Vec<Value> = REVIEW_COLUMNS
        .iter()
        .map(|c| entry(c, column_label("review_litigation", t, "review", c)))
        .collect();
    Ok(json!({
        "template": name,
        "active_disclosure": part2,
        "applications": { "rows": rows, "columns": columns },
        "review_litigation": { "groups": groups, "columns": review_columns },
    })
    .to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_templates_have_their_labels() {
        let v: serde_json::Value = serde_json::from_str(&super::layout("2021").unwrap()).unwrap();
        assert_eq!(v["active_disclosure"][0]["label"], "规章");
        assert_eq!(
            v["active_disclosure"][0]["columns"][0]["label"],
            "本年制发件数"
        );
        assert_eq!(v["applications"]["columns"][0]["label"], "自然人");
        assert_eq!(v["review_litigation"]["columns"][1]["label"], "结果纠正");
        let v: serde_json::Value = serde_json::from_str(&super::layout("2019").unwrap()).unwrap();
        assert_eq!(v["active_disclosure"][1]["label"], "规范性文件");
        assert!(super::layout("2020").is_err());
    }
}
