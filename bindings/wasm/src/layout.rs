//! The three tables of a template as the page draws them: keys and Chinese labels.

use gongkai::{template_layout, RowLayout, Template};
use serde_json::{json, Value};

fn template(name: &str) -> Result<Template, String> {
    name.parse()
        .map_err(|e: gongkai::UnknownTemplate| e.to_string())
}

fn entries(rows: &[RowLayout]) -> Value {
    rows.iter()
        .map(|r| json!({ "key": r.key, "label": r.label }))
        .collect()
}

/// `{template, active_disclosure: [{key, label, columns: [{key, label}]}],
/// applications: {rows, columns}, review_litigation: {groups, columns}}`, from the
/// core's [`template_layout`]: the page spells none of the template itself.
pub(crate) fn layout(name: &str) -> Result<String, String> {
    let tables = template_layout(template(name)?);
    let [part2, part3, part4] = &tables[..] else {
        return Err("the template has three tables".into());
    };
    let columns = |t: &gongkai::TableLayout| json!(t.rows.first().map(|r| &r.columns));
    Ok(json!({
        "template": name,
        "active_disclosure": part2.rows,
        "applications": { "rows": entries(&part3.rows), "columns": columns(part3) },
        "review_litigation": { "groups": entries(&part4.rows), "columns": columns(part4) },
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
