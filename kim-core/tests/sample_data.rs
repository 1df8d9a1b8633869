//! The sample data inside the crate (`kim-core/data/sample/`, read by the doc examples so that they run from the
//! packaged crate) is a copy of the repository's `examples/data/`; this keeps the two equal.

#[test]
fn the_crate_sample_data_equals_the_examples_data() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let examples = root.join("../examples/data");
    if !examples.is_dir() {
        eprintln!(
            "skipped: {} is absent (a packaged crate)",
            examples.display()
        );
        return;
    }
    let mut n = 0;
    for entry in std::fs::read_dir(root.join("data/sample")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap();
        let theirs = std::fs::read(examples.join(name))
            .unwrap_or_else(|e| panic!("examples/data/{} is missing: {e}", name.to_string_lossy()));
        assert!(
            std::fs::read(&path).unwrap() == theirs,
            "kim-core/data/sample/{0} differs from examples/data/{0}: copy it again",
            name.to_string_lossy()
        );
        n += 1;
    }
    assert_eq!(n, 4, "the four sample files");
}
