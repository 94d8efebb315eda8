//! Which reports come from one agency. Names are compared after removing whitespace
//! and punctuation, and a name that prints its higher-level places (淮安市洪泽区人民政府)
//! is the same agency as the one that does not (洪泽区人民政府).

use std::collections::HashMap;

use crate::normalize::fold_char;

/// The suffixes that end the name of a higher-level place, which a name may print
/// before its own: 江苏省, 淮安市, 延边朝鲜族自治州, 大兴安岭地区, 锡林郭勒盟.
const HIGHER_PLACES: [&str; 6] = ["省", "自治区", "市", "自治州", "地区", "盟"];

/// The suffixes of a place's own name: a shorter name must start with a place (洪泽区…)
/// to be matched with a longer one, so that 人民政府办公室 never matches every office.
const PLACES: [char; 11] = [
    '省', '市', '区', '县', '旗', '州', '盟', '镇', '乡', '道', '岛',
];

/// An agency's name as compared: whitespace, punctuation and symbols removed, full-width
/// letters and digits folded to ASCII.
///
/// ```
/// assert_eq!(gongkai::agency_key("淮安市 洪泽区（人民政府）"), "淮安市洪泽区人民政府");
/// ```
pub fn agency_key(name: &str) -> String {
    name.chars()
        .filter_map(fold_char)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// True when `short` starts with a place name of two characters or more.
fn starts_with_place(short: &str) -> bool {
    short
        .char_indices()
        .skip(1)
        .take(8)
        .any(|(_, c)| PLACES.contains(&c))
}

/// Agencies of a collection: each name mapped to one group, and each group shown by the
/// longest name it holds.
#[derive(Debug, Clone, Default)]
pub struct AgencyGroups {
    /// The group of each key.
    group_of: HashMap<String, usize>,
    /// The name shown for each group.
    names: Vec<String>,
}

impl AgencyGroups {
    /// Groups the names given (each as printed; `None` is left out).
    ///
    /// ```
    /// let groups = gongkai::AgencyGroups::new(["淮安市洪泽区人民政府", "洪泽区人民政府", "淮安市人民政府"]);
    /// assert_eq!(groups.group("洪泽区 人民政府"), groups.group("淮安市洪泽区人民政府"));
    /// assert_ne!(groups.group("淮安市人民政府"), groups.group("洪泽区人民政府"));
    /// assert_eq!(groups.name(groups.group("洪泽区人民政府").unwrap()), "淮安市洪泽区人民政府");
    /// ```
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> AgencyGroups {
        let mut keys: Vec<(String, String)> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for name in names {
            let key = agency_key(name);
            if key.is_empty() {
                continue;
            }
            match seen.get(&key) {
                Some(&i) => {
                    // Show the longest printing of a key.
                    if name.chars().count() > keys[i].1.chars().count() {
                        keys[i].1 = name.trim().to_string();
                    }
                }
                None => {
                    seen.insert(key.clone(), keys.len());
                    keys.push((key, name.trim().to_string()));
                }
            }
        }
        // Union-find over the keys: a key joins the key it ends with, when what comes
        // before is a run of higher-level places.
        let mut parent: Vec<usize> = (0..keys.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        for (i, (key, _)) in keys.iter().enumerate() {
            for (at, _) in key.char_indices().skip(1) {
                let (head, tail) = key.split_at(at);
                if !HIGHER_PLACES.iter().any(|p| head.ends_with(p)) || !starts_with_place(tail) {
                    continue;
                }
                if let Some(&j) = seen.get(tail) {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    parent[a] = b;
                }
            }
        }
        let mut names: Vec<String> = Vec::new();
        let mut group_of_root: HashMap<usize, usize> = HashMap::new();
        let mut group_of = HashMap::new();
        for (i, (key, name)) in keys.into_iter().enumerate() {
            let r = root(&mut parent, i);
            let g = *group_of_root.entry(r).or_insert_with(|| {
                names.push(String::new());
                names.len() - 1
            });
            if name.chars().count() > names[g].chars().count() {
                names[g] = name;
            }
            group_of.insert(key, g);
        }
        AgencyGroups { group_of, names }
    }

    /// The group of a name, `None` when the name was not given or is empty.
    pub fn group(&self, name: &str) -> Option<usize> {
        self.group_of.get(&agency_key(name)).copied()
    }

    /// The name shown for a group: the longest name in it.
    pub fn name(&self, group: usize) -> &str {
        &self.names[group]
    }

    /// How many groups there are.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when no name was given.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_names_do_not_join_every_office() {
        let g = AgencyGroups::new([
            "淮安市人民政府办公室",
            "人民政府办公室",
            "江苏省淮安市洪泽区人民政府",
            "洪泽区人民政府",
        ]);
        assert_ne!(g.group("淮安市人民政府办公室"), g.group("人民政府办公室"));
        assert_eq!(
            g.group("江苏省淮安市洪泽区人民政府"),
            g.group("洪泽区人民政府")
        );
        assert_eq!(g.len(), 3);
    }
}
