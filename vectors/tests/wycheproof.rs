//! The full default Wycheproof set, in both modes: the host directly and the wasm guest
//! `wycheproof.wasm` over hostcalls. Build the guest first — `cargo xtask test` does, and sets
//! `WASICRYPT_GUEST_DIR` — or `cargo xtask build-guests`. A missing guest fails the test.

use wasicrypt_vectors::{Mode, load, run, wasm::Guest};

#[test]
fn every_default_file_passes_in_both_modes() {
    let files = load::load_defaults().expect("the embedded files load");
    let guest = Guest::load_default().unwrap_or_else(|e| panic!("{e:#}"));
    let summary = run(&files, Mode::Both, Some(&guest)).unwrap_or_else(|e| panic!("{e:#}"));
    // The full report (failures with their inputs) is in the captured output.
    println!("{}", summary.render(20));
    let failing: Vec<&str> = summary
        .files
        .iter()
        .filter(|f| f.failed != 0 || !f.errors.is_empty())
        .map(|f| f.name.as_str())
        .collect();
    assert!(
        summary.is_success(),
        "{} — failing files: {}",
        summary.total_line(),
        failing.join(", ")
    );
    for file in &summary.files {
        // A file either runs cases or skips every one with its reasons (the semi-expanded
        // ML-KEM files, RSA moduli without a name).
        assert!(
            file.passed > 0 || file.skipped_count() == file.cases,
            "{} passed no case",
            file.name
        );
        let counted = file.passed + file.failed + file.skipped_count();
        assert_eq!(counted, file.cases, "{}: cases not counted", file.name);
    }
}
