//! A Solidity compile error is reported as `file:line: message`.

#[test]
fn compile_error_names_file_and_line() {
    let root = std::env::temp_dir().join(format!("crosscheck-broken-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(
        root.join("src/Broken.sol"),
        "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.28;\n\ncontract Broken {\n    function f() external { undefinedThing(); }\n}\n",
    )
    .unwrap();
    let err = harness::compile::compile(&root).unwrap_err().to_string();
    let _ = std::fs::remove_dir_all(&root);
    assert!(err.contains("Broken.sol:5: "), "{err}");
    assert!(err.contains("Undeclared identifier"), "{err}");
}
