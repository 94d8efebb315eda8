//! The national template as data: its six parts and their headings, the rows and
//! columns of the three tables, the words labels and headers are recognised by, the role
//! each row plays, and the balance equations the checks evaluate.
//!
//! This is the one place the template is written down. The part-3 struct
//! ([`Applications`]) and its key list are generated from the row list in
//! [`applications`]; the readers match labels with the patterns here; the repair of lost
//! line breaks cuts text at the words here; the checks and the semantic stage evaluate
//! the equations of [`balance`]; the tidy rows and the bindings take keys and printed
//! labels from here. Adding a row is one line in the right list.
//!
//! One module per part of the template, and one for what spans them:
//! [`parts`] (the six headings, the words a table starts with), [`disclosure`] (part 2),
//! [`applications`] (part 3), [`review`] (part 4), [`balance`] (the equations) and
//! [`rebreak`] (the words that open a line, for text whose line breaks were lost).

pub(crate) mod applications;
pub(crate) mod balance;
pub(crate) mod disclosure;
pub(crate) mod parts;
pub(crate) mod rebreak;
pub(crate) mod review;

use serde::Serialize;

pub(crate) use applications::{
    application_spec, ApplicationRowSpec, Outcome, Role, APPLICATION_COLUMN_LABELS,
    APPLICATION_ROW_SPECS, APPLICATION_WORDS, OTHER_HANDLING,
};
pub use applications::{Applications, APPLICANT_COLUMNS, APPLICATION_ROWS};
pub(crate) use disclosure::{disclosure_rows, ValueKind, DISCLOSURE_LABEL_WORDS, DISCLOSURE_WORDS};
pub use review::{REVIEW_COLUMNS, REVIEW_GROUPS};
pub(crate) use review::{REVIEW_COLUMN_LABELS, REVIEW_GROUP_LABELS};

use crate::report::Template;

/// Words in numbered groups, all found in a text in one pass of a byte automaton built
/// once: which is the first group (in the list's order) one of whose words the text
/// contains, and how many groups it holds a word of. This is how a label is matched
/// against every row of a table: one pass over the label, not a substring search per
/// word per row.
///
/// The automaton is an Aho-Corasick DFA written out in full (every state has a next
/// state for every byte class), each state carrying the groups of every word that ends
/// there, its suffixes' words included. A pass is then a table step and an OR per byte:
/// the general automaton's overlapping search, which reports each match on its own,
/// cost four times as much on a label.
pub(crate) struct WordSet {
    /// The class of each byte: 0 for the bytes no word holds, from 1 the others.
    class: [u8; 256],
    /// How many classes there are (a row of `next`).
    classes: usize,
    /// The next state, by `state * classes + class`; state 0 is the start.
    next: Vec<u16>,
    /// The groups (bit `g` for group `g`) of the words that end at each state.
    ends: Vec<u64>,
}

impl WordSet {
    /// A set of `(group, word)`; words must not be empty, groups below 64.
    pub(crate) fn new(words: &[(usize, &'static str)]) -> WordSet {
        let mut class = [0u8; 256];
        let mut classes = 1usize;
        for (_, w) in words {
            for &b in w.as_bytes() {
                if class[usize::from(b)] == 0 {
                    class[usize::from(b)] = u8::try_from(classes).expect("under 256 classes");
                    classes += 1;
                }
            }
        }
        // The trie: `next` holds 0 (the start, never a child) where a state has no child.
        let mut next = vec![0u16; classes];
        let mut ends = vec![0u64];
        for &(group, w) in words {
            assert!(!w.is_empty() && group < 64, "a word set's words and groups");
            let mut s = 0;
            for &b in w.as_bytes() {
                let at = s * classes + usize::from(class[usize::from(b)]);
                if next[at] == 0 {
                    next[at] = u16::try_from(ends.len()).expect("a small automaton");
                    next.extend(std::iter::repeat_n(0, classes));
                    ends.push(0);
                }
                s = usize::from(next[at]);
            }
            ends[s] |= 1 << group;
        }
        // Breadth first, each state's missing steps and ends from its failure state (the
        // state of its longest proper suffix), which comes earlier in that order.
        let mut fail = vec![0usize; ends.len()];
        let mut queue = std::collections::VecDeque::new();
        queue.extend(
            next[..classes]
                .iter()
                .filter(|&&t| t != 0)
                .map(|&t| usize::from(t)),
        );
        while let Some(s) = queue.pop_front() {
            ends[s] |= ends[fail[s]];
            for c in 0..classes {
                let t = usize::from(next[s * classes + c]);
                let on_fail = next[fail[s] * classes + c];
                if t == 0 {
                    next[s * classes + c] = on_fail;
                } else {
                    fail[t] = usize::from(on_fail);
                    queue.push_back(t);
                }
            }
        }
        WordSet {
            class,
            classes,
            next,
            ends,
        }
    }

    /// The groups one of whose words the texts contain, run together: the pass goes on
    /// from one text into the next, so a word may span two, and nothing is joined.
    fn groups_joined<'t>(&self, texts: impl IntoIterator<Item = &'t str>) -> u64 {
        let mut s = 0usize;
        let mut seen = 0u64;
        for text in texts {
            for &b in text.as_bytes() {
                let class = usize::from(self.class[usize::from(b)]);
                s = usize::from(self.next[s * self.classes + class]);
                seen |= self.ends[s];
            }
        }
        seen
    }

    /// How many different groups the texts run together hold a word of.
    pub(crate) fn groups_in_joined<'t>(&self, texts: impl IntoIterator<Item = &'t str>) -> usize {
        self.groups_joined(texts).count_ones() as usize
    }

    /// The first group one of whose words `text` contains.
    pub(crate) fn first_group(&self, text: &str) -> Option<usize> {
        self.first_group_joined([text])
    }

    /// The first group one of whose words the texts contain, run together (a word may
    /// span two): [`WordSet::first_group`] of their concatenation, without making it.
    pub(crate) fn first_group_joined<'t>(
        &self,
        texts: impl IntoIterator<Item = &'t str>,
    ) -> Option<usize> {
        let seen = self.groups_joined(texts);
        (seen != 0).then(|| seen.trailing_zeros() as usize)
    }
}

/// The three tables: contract key, part number and the title the template prints. The
/// bindings take the table names from here (C's `gk_report_value`, Python's `TABLES`).
pub const TABLES: [(&str, u8, &str); 3] = [
    ("active_disclosure", 2, "主动公开政府信息情况"),
    ("applications", 3, "收到和处理政府信息公开申请情况"),
    ("review_litigation", 4, "行政复议、行政诉讼"),
];

/// The label the template prints for a row of one of the three tables, by contract keys.
///
/// ```
/// use gongkai::{row_label, Template};
/// assert_eq!(row_label("applications", Template::T2021, "rejected_duplicate"), Some("2.重复申请"));
/// assert_eq!(row_label("active_disclosure", Template::T2019, "normative_documents"), Some("规范性文件"));
/// assert_eq!(row_label("applications", Template::T2021, "nope"), None);
/// ```
pub fn row_label(table: &str, template: Template, key: &str) -> Option<&'static str> {
    match table {
        "active_disclosure" => disclosure_rows(template)
            .iter()
            .find(|r| r.key == key)
            .map(|r| r.label),
        "applications" => APPLICATION_ROW_SPECS
            .iter()
            .chain([&OTHER_HANDLING])
            .find(|r| r.key == key)
            .map(|r| r.label),
        "review_litigation" => REVIEW_GROUPS
            .iter()
            .position(|g| *g == key)
            .map(|i| REVIEW_GROUP_LABELS[i]),
        _ => None,
    }
}

/// The label the template prints for a column of a row, by contract keys.
///
/// ```
/// use gongkai::{column_label, Template};
/// assert_eq!(column_label("applications", Template::T2021, "new_received", "research"), Some("科研机构"));
/// assert_eq!(column_label("active_disclosure", Template::T2021, "rules", "in_force"), Some("现行有效件数"));
/// ```
pub fn column_label(
    table: &str,
    template: Template,
    row: &str,
    column: &str,
) -> Option<&'static str> {
    match table {
        "active_disclosure" => disclosure_rows(template)
            .iter()
            .find(|r| r.key == row)?
            .columns
            .iter()
            .find(|c| c.key == column)
            .map(|c| c.label),
        "applications" => APPLICATION_COLUMN_LABELS
            .iter()
            .find(|(k, _)| *k == column)
            .map(|(_, l)| *l),
        "review_litigation" => REVIEW_COLUMNS
            .iter()
            .position(|c| *c == column)
            .map(|i| REVIEW_COLUMN_LABELS[i]),
        _ => None,
    }
}

/// A key with the label the template prints for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The contract key (`new_received`).
    pub key: &'static str,
    /// The printed label (`一、本年新收政府信息公开申请数量`).
    pub label: &'static str,
}

/// A row of a table with its columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowLayout {
    /// The contract key of the row.
    pub key: &'static str,
    /// The label the template prints.
    pub label: &'static str,
    /// The row's columns, in the template's order.
    pub columns: Vec<Entry>,
}

/// One of the three tables as the template lays it out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableLayout {
    /// The contract key (`applications`).
    pub key: &'static str,
    /// The part of the report it is in (2 to 4).
    pub part: u8,
    /// The part's title as the template prints it.
    pub title: &'static str,
    /// Its rows in the template's order (part 4: its groups), each with its columns.
    pub rows: Vec<RowLayout>,
}

/// The three tables of `template`: every row and column with its key and printed label,
/// in the template's order. This is what a front end draws a report with (the web page,
/// the bindings' table lists), so none of them spells the template again.
///
/// ```
/// use gongkai::{template_layout, Template};
/// let tables = template_layout(Template::T2021);
/// assert_eq!(tables[1].key, "applications");
/// assert_eq!(tables[1].rows[0].label, "一、本年新收政府信息公开申请数量");
/// assert_eq!(tables[1].rows[0].columns.len(), 8);
/// assert_eq!(tables[0].rows[5].columns[0].key, "amount");
/// ```
pub fn template_layout(template: Template) -> Vec<TableLayout> {
    let application_columns: Vec<Entry> = APPLICATION_COLUMN_LABELS
        .iter()
        .map(|&(key, label)| Entry { key, label })
        .collect();
    let review_columns: Vec<Entry> = REVIEW_COLUMNS
        .iter()
        .zip(REVIEW_COLUMN_LABELS)
        .map(|(&key, label)| Entry { key, label })
        .collect();
    let rows = |key: &str| -> Vec<RowLayout> {
        match key {
            "active_disclosure" => disclosure_rows(template)
                .iter()
                .map(|r| RowLayout {
                    key: r.key,
                    label: r.label,
                    columns: r
                        .columns
                        .iter()
                        .map(|c| Entry {
                            key: c.key,
                            label: c.label,
                        })
                        .collect(),
                })
                .collect(),
            "applications" => (0..=APPLICATION_ROWS.len())
                .filter_map(application_spec)
                .map(|s| RowLayout {
                    key: s.key,
                    label: s.label,
                    columns: application_columns.clone(),
                })
                .collect(),
            _ => REVIEW_GROUPS
                .iter()
                .zip(REVIEW_GROUP_LABELS)
                .map(|(&key, label)| RowLayout {
                    key,
                    label,
                    columns: review_columns.clone(),
                })
                .collect(),
        }
    };
    TABLES
        .iter()
        .map(|&(key, part, title)| TableLayout {
            key,
            part,
            title,
            rows: rows(key),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word set answers as a search for each of its words would, on the template's
    /// own labels and words, alone and run together.
    #[test]
    fn word_sets_find_what_a_search_per_word_finds() {
        let sets: [(&WordSet, Vec<(usize, &str)>); 3] = [
            (&APPLICATION_WORDS, {
                let mut words = Vec::new();
                for (k, spec) in APPLICATION_ROW_SPECS
                    .iter()
                    .chain([&OTHER_HANDLING])
                    .enumerate()
                {
                    if let applications::Pattern::Contains(ws) = spec.pattern {
                        words.extend(ws.iter().map(|w| (k, *w)));
                    }
                }
                words
            }),
            (
                &applications::HEADER_WORD_SET,
                applications::HEADER_WORDS
                    .iter()
                    .copied()
                    .enumerate()
                    .collect(),
            ),
            (
                &DISCLOSURE_WORDS,
                disclosure::DISCLOSURE_LABEL_WORDS
                    .iter()
                    .enumerate()
                    .map(|(k, (_, w))| (k, *w))
                    .collect(),
            ),
        ];
        let mut texts: Vec<String> = vec![String::new(), "x".into(), "其他".into()];
        for (_, words) in &sets {
            texts.extend(words.iter().map(|(_, w)| w.to_string()));
        }
        texts.extend(APPLICATION_ROW_SPECS.iter().map(|s| s.label.to_string()));
        texts.extend(applications::HEADER_WORDS.iter().map(|w| w.to_string()));
        let singles = texts.clone();
        for a in &singles {
            for b in &singles {
                texts.push(format!("{a}{b}"));
                // Half a word's bytes before another: a match must start over.
                let half: String = a.chars().take(a.chars().count() / 2).collect();
                texts.push(format!("{half}{b}"));
            }
        }
        for (set, words) in &sets {
            for t in &texts {
                let mut groups: Vec<usize> = words
                    .iter()
                    .filter(|(_, w)| t.contains(w))
                    .map(|(g, _)| *g)
                    .collect();
                groups.sort_unstable();
                groups.dedup();
                assert_eq!(set.first_group(t), groups.first().copied(), "{t}");
                assert_eq!(set.groups_in_joined([t.as_str()]), groups.len(), "{t}");
                // Cut anywhere, the pieces run together hold what the whole does.
                for (k, _) in t.char_indices() {
                    let pieces = [&t[..k], &t[k..]];
                    assert_eq!(set.groups_in_joined(pieces), groups.len(), "{t} at {k}");
                }
            }
        }
    }
}
