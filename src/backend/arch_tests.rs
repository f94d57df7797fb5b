//! The layering the portal keeps, checked on the sources: screens and widgets speak the portal's
//! domain and the neutral backend interface, never a vendor module or the vendors' wire types; the
//! app module is imported by nobody.

use std::path::Path;

/// Vendor modules: the backends' own directories and the vendors' wire types (the wire crate's
/// neutral helpers, dates and the array stream reader, are not a vendor's).
const VENDOR: &[&str] = &[
    "backend::epmm",
    "backend::cps",
    "backend::uem",
    "backend::czertainly",
    "wire::v1",
    "wire::v2",
    "wire::cps",
    "wire::uem",
    "wire::czertainly",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The lines of the files under `dir` (relative to `src/`) that contain any of `needles`,
/// outside comments.
fn offending(dir: &str, needles: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir);
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(!files.is_empty(), "no sources under src/{dir}");
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if needles.iter().any(|n| code.contains(n)) {
                out.push(format!("{}:{}: {}", f.display(), i + 1, line.trim()));
            }
        }
    }
    out
}

#[test]
fn screens_and_widgets_never_import_a_vendor_module() {
    for dir in ["screens", "ui", "domain", "context"] {
        let bad = offending(dir, VENDOR);
        assert!(
            bad.is_empty(),
            "vendor imports in src/{dir}:\n{}",
            bad.join("\n")
        );
    }
}

#[test]
fn nobody_imports_the_app_module() {
    for dir in ["screens", "ui", "domain", "context", "backend"] {
        let bad: Vec<String> = offending(dir, &["crate::app", "super::app"])
            .into_iter()
            .filter(|l| !l.contains("arch_tests.rs"))
            .collect();
        assert!(
            bad.is_empty(),
            "app imports in src/{dir}:\n{}",
            bad.join("\n")
        );
    }
}

#[test]
fn the_check_sees_a_vendor_import() {
    // The check itself works: the EPMM backend does name its wire types.
    assert!(!offending("backend/epmm", VENDOR).is_empty());
}
