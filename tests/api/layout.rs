//! The layout README's "Where things live" describes holds: no module of
//! `src/` reaches, through the modules it uses, back to itself; writes do
//! not use the read handlers; the domain uses no HTTP, SQL or handlers;
//! the database layer uses none of the writers.
//! Read from the source as text: every `crate::…`, `super::…` and
//! `self::…` path outside comments and unit tests is a use of the module
//! it names.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use regex::{Captures, Regex};

/// A module's path below the crate root: `["import", "myndighetsdata"]`.
type Module = Vec<String>;

/// Every module of `src/` with the text of its file.
fn modules() -> BTreeMap<Module, String> {
    fn walk(folder: &Path, found: &mut BTreeMap<Module, String>) {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix("src").unwrap().with_extension("");
                let mut module: Module = relative
                    .iter()
                    .map(|part| part.to_string_lossy().into_owned())
                    .collect();
                if matches!(
                    module.last().map(String::as_str),
                    Some("mod" | "lib" | "main")
                ) {
                    module.pop();
                }
                found.insert(module, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut found = BTreeMap::new();
    walk(Path::new("src"), &mut found);
    found
}

/// The modules each module uses, other than its own ancestors and
/// descendants (a module and its parts are one piece of the layout).
fn uses() -> BTreeMap<Module, BTreeSet<Module>> {
    let modules = modules();
    let path = Regex::new(r"\b(?:crate|super|self)(?:::\w+)+").unwrap();
    // `a::{b, c::{d, e}}`, innermost first: `a::b, a::c::d, a::c::e`.
    let group = Regex::new(r"(\w+(?:::\w+)*)::\{([^{}]*)\}").unwrap();
    let mut uses: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (module, text) in &modules {
        if module.iter().any(|part| part == "tests") {
            continue;
        }
        let before_tests = text.split("#[cfg(test)]\nmod tests {").next().unwrap();
        let mut code: String = before_tests
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        while let Cow::Owned(expanded) = group.replace_all(&code, |found: &Captures| {
            found[2]
                .split(',')
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(|item| format!("{}::{item}", &found[1]))
                .collect::<Vec<_>>()
                .join(", ")
        }) {
            code = expanded;
        }
        let used = uses.entry(module.clone()).or_default();
        for found in path.find_iter(&code) {
            let mut parts = found.as_str().split("::").peekable();
            let mut target: Module = if parts.next_if_eq(&"crate").is_some() {
                Vec::new()
            } else {
                module.clone()
            };
            parts.next_if_eq(&"self");
            while parts.next_if_eq(&"super").is_some() {
                target.pop();
            }
            for part in parts {
                let mut deeper = target.clone();
                deeper.push(part.to_owned());
                if !modules.contains_key(&deeper) {
                    break;
                }
                target = deeper;
            }
            if !target.starts_with(module) && !module.starts_with(&target) {
                used.insert(target);
            }
        }
    }
    uses
}

/// The uses between modules cut to their first `depth` parts (all of
/// them with `usize::MAX`), leaving out uses within one.
fn at_depth(
    uses: &BTreeMap<Module, BTreeSet<Module>>,
    depth: usize,
) -> BTreeMap<Module, BTreeSet<Module>> {
    let cut = |module: &Module| module[..module.len().min(depth)].to_vec();
    let mut graph: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (module, used) in uses {
        let from = cut(module);
        for to in used.iter().map(cut).filter(|to| *to != from) {
            graph.entry(from.clone()).or_default().insert(to);
        }
    }
    graph
}

/// A chain of uses from `from` back to it, if there is one.
fn cycle_through(from: &Module, graph: &BTreeMap<Module, BTreeSet<Module>>) -> Option<String> {
    let mut stack = vec![vec![from.clone()]];
    let mut seen = BTreeSet::new();
    while let Some(chain) = stack.pop() {
        for next in graph.get(chain.last().unwrap()).into_iter().flatten() {
            if next == from || seen.insert(next.clone()) {
                let mut longer = chain.clone();
                longer.push(next.clone());
                if next == from {
                    let names: Vec<String> = longer.iter().map(|m| named(m)).collect();
                    return Some(names.join(" -> "));
                }
                stack.push(longer);
            }
        }
    }
    None
}

fn named(module: &[String]) -> String {
    module.join("::")
}

#[test]
fn no_module_uses_itself_through_others() {
    let uses = uses();
    assert!(uses.len() > 100, "src/ read: {} modules", uses.len());
    // Between files, and between the top-level modules (src/<module>).
    for depth in [usize::MAX, 1] {
        let graph = at_depth(&uses, depth);
        let cycles: Vec<String> = graph
            .keys()
            .filter_map(|module| cycle_through(module, &graph))
            .collect();
        assert!(cycles.is_empty(), "cycles:\n{}", cycles.join("\n"));
    }
}

#[test]
fn lower_layers_do_not_use_higher_ones() {
    let uses = uses();
    for (lower, higher) in [
        ("writes", "routes"),
        ("views", "routes"),
        ("views", "writes"),
        ("domain", "http"),
        ("domain", "views"),
        ("domain", "writes"),
        ("domain", "routes"),
        ("domain", "db"),
        // Every writer begins with the database's writes lock; the
        // database loads no data itself (startup asks the loaders).
        ("db", "import"),
        ("db", "example_data"),
        ("db", "generate"),
        ("db", "writes"),
    ] {
        let under = uses
            .iter()
            .filter(|(module, _)| module.first().map(String::as_str) == Some(lower));
        for (module, used) in under {
            let wrong: Vec<String> = used
                .iter()
                .filter(|m| m.first().map(String::as_str) == Some(higher))
                .map(|m| named(m))
                .collect();
            assert!(wrong.is_empty(), "{} uses {wrong:?}", named(module));
        }
    }
}
