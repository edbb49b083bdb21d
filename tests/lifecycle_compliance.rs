//! SPEC section 5: service lifecycle and compliance scope — file version 2 written only when
//! used, bad tags and lifecycles refused, and the analysis rules, findings, cover costs,
//! weeks on call and compliance summary, each with figures worked out by hand.

use std::path::{Path, PathBuf};

use opmodel::io::{self, LoadError};
use opmodel::model::{Lifecycle, Model};

fn parse(text: &str) -> Result<Model, LoadError> {
    io::parse(text, Path::new("model.ron"))
}

fn refused(text: &str) -> String {
    match parse(text) {
        Ok(model) => panic!("accepted: {model:?}"),
        Err(error) => error.to_string(),
    }
}

fn samples_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// A model with one service whose extra fields are `fields`.
fn one_service(fields: &str) -> String {
    format!(
        r#"(
    name: "Tags",
    teams: [(id: "t", name: "T", kind: Product)],
    services: [
        (id: "vault", name: "Card vault", kind: Digital, owner: Some("t"){fields}),
    ],
)"#
    )
}

#[test]
fn a_version_1_sample_saves_byte_identical_and_stays_version_1() {
    for name in [
        "enterprise-hybrid.ron",
        "needs-attention.ron",
        "retail-domains.ron",
        "startup.ron",
    ] {
        let path = samples_folder().join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let model = io::load(&path).unwrap();
        assert_eq!(model.required_version(), 1, "{name}");
        assert!(text.contains("    version: 1,\n"), "{name}");
        assert_eq!(io::to_ron(&model), text, "{name}");
        assert!(!text.contains("lifecycle") && !text.contains("compliance"));
    }
}

#[test]
fn version_2_is_written_only_when_a_service_uses_lifecycle_or_compliance() {
    let mut model = parse(&one_service("")).unwrap();
    assert!(io::to_ron(&model).contains("version: 1,"));

    model.services[0].lifecycle = Lifecycle::Retiring;
    let text = io::to_ron(&model);
    assert!(text.contains("version: 2,"), "{text}");
    assert!(text.contains("lifecycle: Retiring"), "{text}");
    assert!(
        !text.contains("compliance"),
        "an empty list is omitted: {text}"
    );

    model.services[0].lifecycle = Lifecycle::Live;
    model.services[0].compliance = vec!["PCI-DSS".into(), "SOX".into()];
    let text = io::to_ron(&model);
    assert!(text.contains("version: 2,"), "{text}");
    assert!(text.contains(r#"compliance: ["PCI-DSS", "SOX"]"#), "{text}");
    assert!(!text.contains("lifecycle"), "Live is omitted: {text}");

    // Back to defaults: the file is version 1 again, and reads back the same.
    model.services[0].compliance.clear();
    let text = io::to_ron(&model);
    assert!(text.contains("version: 1,"), "{text}");
    assert_eq!(parse(&text).unwrap(), model);
}

#[test]
fn versions_1_and_2_are_read_and_a_version_2_model_round_trips() {
    let text = format!(
        "(version: 2, {}",
        &one_service(r#", lifecycle: Inception, compliance: ["PCI-DSS"]"#)[1..]
    );
    let model = parse(&text).unwrap();
    assert_eq!(model.version, 2);
    assert_eq!(model.services[0].lifecycle, Lifecycle::Inception);
    assert_eq!(model.services[0].compliance, ["PCI-DSS"]);
    let saved = io::to_ron(&model);
    assert_eq!(parse(&saved).unwrap(), model);
    assert_eq!(io::to_ron(&parse(&saved).unwrap()), saved);

    // A version 1 file may use the fields too: it is read, and saved as version 2.
    let model = parse(&one_service(", lifecycle: Retiring")).unwrap();
    assert_eq!(model.services[0].lifecycle, Lifecycle::Retiring);
    assert!(io::to_ron(&model).contains("version: 2,"));
}

#[test]
fn an_unknown_lifecycle_is_refused_with_the_allowed_values() {
    let message = refused(&one_service(", lifecycle: Dormant"));
    assert!(message.starts_with("model.ron:5:"), "{message}");
    for word in ["Dormant", "Inception", "Live", "Retiring", "lifecycle"] {
        assert!(message.contains(word), "{word}: {message}");
    }
}

#[test]
fn blank_padded_and_repeated_tags_are_refused_naming_the_service_and_tag() {
    let message = refused(&one_service(r#", compliance: ["PCI-DSS", ""]"#));
    assert!(message.starts_with("model.ron:5:"), "{message}");
    assert!(
        message.contains("`vault`") && message.contains("blank"),
        "{message}"
    );

    let message = refused(&one_service(r#", compliance: ["   "]"#));
    assert!(message.contains("blank"), "{message}");

    let message = refused(&one_service(r#", compliance: [" SOX"]"#));
    assert!(
        message.contains("`vault`") && message.contains(r#"" SOX""#) && message.contains("spaces"),
        "{message}"
    );

    let message = refused(&one_service(r#", compliance: ["SOX", "PCI-DSS", "SOX"]"#));
    assert!(
        message.contains("`vault`") && message.contains(r#""SOX""#) && message.contains("twice"),
        "{message}"
    );

    // Tags compare case-sensitively, so these are two different tags.
    let model = parse(&one_service(r#", compliance: ["SOX", "sox"]"#)).unwrap();
    assert_eq!(model.services[0].compliance.len(), 2);
}
