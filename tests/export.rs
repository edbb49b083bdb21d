//! SPEC 6.3: the SVG and PNG pictures, the Mermaid and DOT diagrams, and the export command.

use std::path::Path;
use std::process::Command;

use opmodel::analysis::analyze;
use opmodel::model::{Dependency, Domain, Model, Service, ServiceKind, Team, TeamKind};
use opmodel::render;

mod support;
use support::opmodel;

fn sample(name: &str) -> Model {
    let path = format!("{}/samples/{name}.ron", env!("CARGO_MANIFEST_DIR"));
    opmodel::files::ron::load(Path::new(&path)).unwrap()
}

const SAMPLES: [&str; 4] = [
    "startup",
    "retail-domains",
    "enterprise-hybrid",
    "needs-attention",
];

/// A model whose ids and names hold everything a diagram language could trip on.
fn awkward() -> Model {
    let mut model = Model::named("Quotes \" & <angles> #1");
    model.domains.push(Domain {
        id: "d\"x".into(),
        name: "Home & \"Garden\"".into(),
    });
    let mut team = Team::new("team \\ one", "Team {one} [a]", TeamKind::Operations);
    team.domain = Some("d\"x".into());
    model.teams.push(team);
    for (id, kind) in [
        ("svc-\"a\"", ServiceKind::Digital),
        ("b;c -> d", ServiceKind::Cots),
        ("end", ServiceKind::Foundational),
    ] {
        let mut service = Service::new(id, &format!("Name of {id} `x` \n y"), kind);
        service.owner = Some("team \\ one".into());
        model.services.push(service);
    }
    model
        .services
        .push(Service::new("subgraph", "Orphan", ServiceKind::Digital));
    model.dependencies.push(Dependency {
        from: "svc-\"a\"".into(),
        to: "b;c -> d".into(),
    });
    model.dependencies.push(Dependency {
        from: "end".into(),
        to: "end".into(),
    });
    model
}

fn attribute(node: roxmltree::Node, name: &str) -> f32 {
    node.attribute(name)
        .unwrap_or_else(|| panic!("{name} missing"))
        .parse()
        .unwrap()
}

#[test]
fn the_svg_is_well_formed_and_draws_every_entity() {
    for name in SAMPLES {
        let model = sample(name);
        let svg = render::svg(&model);
        let document = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{name}: {e}"));
        let count = |class: &str| {
            document
                .descendants()
                .filter(|n| n.attribute("class") == Some(class))
                .count()
        };
        assert_eq!(count("service"), model.services.len(), "{name}");
        assert_eq!(count("team"), model.teams.len(), "{name}");
        assert_eq!(count("domain"), model.domains.len(), "{name}");
        assert_eq!(count("domain-area"), model.domains.len(), "{name}");
        let owned = model.services.iter().filter(|s| s.owner.is_some()).count();
        assert_eq!(count("owns"), owned, "{name}");
        assert_eq!(count("depends-on"), model.dependencies.len(), "{name}");
        assert_eq!(count("legend"), 1, "{name}");
        let texts: Vec<String> = document
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| n.text().unwrap_or_default().to_owned())
            .collect();
        assert!(
            texts.contains(&model.name),
            "{name}: the title is the model's name"
        );
        let analysis = analyze(&model);
        let cost = opmodel::format::money(analysis.totals.annual_cost, &analysis.currency);
        assert!(
            texts.iter().any(|t| t.contains(&cost)),
            "{name}: the annual cost {cost}"
        );
        for text in document.descendants().filter(|n| n.has_tag_name("text")) {
            assert!(
                attribute(text, "font-size") >= render::picture::MIN_TEXT_PX,
                "{name}"
            );
        }
    }
}

#[test]
fn service_shapes_follow_kind_and_fill_follows_cover() {
    let model = awkward();
    let document_text = render::svg(&model);
    let document = roxmltree::Document::parse(&document_text).unwrap();
    let services: Vec<roxmltree::Node> = document
        .descendants()
        .filter(|n| n.attribute("class") == Some("service"))
        .collect();
    let tags: Vec<&str> = services.iter().map(|n| n.tag_name().name()).collect();
    assert_eq!(tags, ["circle", "rect", "polygon", "circle"]);
    // The orphan is uncovered: red fill, red stroke, heavier outline.
    let orphan = services[3];
    assert_eq!(orphan.attribute("fill"), Some("#fdd8d6"));
    assert_eq!(orphan.attribute("stroke"), Some("#d32f2f"));
    assert_eq!(orphan.attribute("stroke-width"), Some("3"));
    // Operations team card in the operations colour.
    let team = document
        .descendants()
        .find(|n| n.attribute("class") == Some("team"))
        .unwrap();
    assert_eq!(team.attribute("fill"), Some("#a0c8be"));
}

#[test]
fn labels_never_overlap_even_when_services_sit_on_top_of_each_other() {
    let mut model = Model::named("Crowded");
    for i in 0..12 {
        model.services.push(Service::new(
            &format!("s{i}"),
            &format!("A rather long service name number {i}"),
            ServiceKind::Digital,
        ));
        // Every service within a few pixels of the others.
        model.layout.insert(
            format!("s{i}"),
            opmodel::model::Position {
                x: f64::from(i),
                y: 0.0,
            },
        );
    }
    let svg = render::svg(&model);
    let document = roxmltree::Document::parse(&svg).unwrap();
    let boxes: Vec<(f32, f32, f32, f32)> = document
        .descendants()
        .filter(|n| n.attribute("class") == Some("label-backing"))
        .map(|n| {
            let (x, y) = (attribute(n, "x"), attribute(n, "y"));
            (x, y, x + attribute(n, "width"), y + attribute(n, "height"))
        })
        .collect();
    assert!(!boxes.is_empty());
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let apart = a.2 <= b.0 || b.2 <= a.0 || a.3 <= b.1 || b.3 <= a.1;
            assert!(apart, "{a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn the_png_is_the_svg_rasterised_at_the_scale_asked() {
    let model = sample("retail-domains");
    let svg = render::svg(&model);
    let document = roxmltree::Document::parse(&svg).unwrap();
    let root = document.root_element();
    let (width, height) = (attribute(root, "width"), attribute(root, "height"));
    let png = render::png(&model, 2.0).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(&png.bytes));
    let mut reader = decoder.read_info().expect("a valid PNG");
    let info = reader.info();
    let samples = info.color_type.samples();
    // Twice the SVG's size each way, rounded up.
    assert_eq!(info.width, (width * 2.0).ceil() as u32);
    assert_eq!(info.height, (height * 2.0).ceil() as u32);
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut pixels).unwrap();
    let pixels = &pixels[..frame.buffer_size()];
    // Not blank: the background and the ink of the text are both there.
    let background = [250u8, 250, 247];
    let chunks = pixels.chunks(samples);
    let distinct = chunks.filter(|p| p[..3] != background).count();
    assert!(
        distinct > 1000,
        "only {distinct} pixels differ from the background"
    );
}

#[test]
fn mermaid_has_a_subgraph_per_domain_and_escapes_everything() {
    let model = sample("retail-domains");
    let text = render::mermaid(&model);
    assert!(text.starts_with("flowchart LR\n"), "{text}");
    assert_eq!(text.matches("subgraph ").count(), model.domains.len());
    assert_eq!(
        text.matches(" owns ").count(),
        model.services.iter().filter(|s| s.owner.is_some()).count()
    );
    assert_eq!(
        text.lines().filter(|l| l.contains(" --> ")).count(),
        model.dependencies.len()
    );

    let text = render::mermaid(&awkward());
    for line in text.lines().skip(1) {
        // A line holds one quoted label at most: no quote inside a label is left raw.
        assert!(line.matches('"').count() <= 2, "{line}");
    }
    assert!(text.contains("Home #amp; #quot;Garden#quot;"), "{text}");
    assert!(text.contains("Name of b;c -#gt; d #96;x#96;   y"), "{text}");
    assert!(
        text.contains("\n    %% Quotes \" & <angles> #1\n"),
        "the name only in a comment"
    );
}

#[test]
fn dot_has_a_cluster_per_domain_and_a_diamond_per_owner() {
    for model in [sample("enterprise-hybrid"), awkward()] {
        let text = render::dot(&model);
        assert!(text.starts_with("digraph "));
        assert_eq!(
            text.matches("subgraph cluster_").count(),
            model.domains.len()
        );
        assert_eq!(
            text.matches("arrowtail=diamond").count(),
            model.services.iter().filter(|s| s.owner.is_some()).count()
        );
    }
}

#[test]
#[ignore = "needs Graphviz (`dot`)"]
fn dot_is_accepted_by_graphviz_and_draws_every_service() {
    for model in [sample("enterprise-hybrid"), awkward()] {
        let text = render::dot(&model);
        let mut child = Command::new("dot")
            .arg("-Tsvg")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("this test needs Graphviz: `dot` runs");
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        let output = child.wait_with_output().unwrap();
        let errors = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success() && errors.trim().is_empty(),
            "{errors}\n{text}"
        );
        // Graphviz writes `-` as `&#45;` in its SVG.
        let drawn = String::from_utf8_lossy(&output.stdout).replace("&#45;", "-");
        for service in &model.services {
            let shown = service
                .id
                .replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            assert!(
                drawn.contains(&format!("<title>{shown}</title>")),
                "{} missing",
                service.id
            );
        }
    }
}

#[test]
fn the_export_command_writes_each_format() {
    let dir = tempfile::tempdir().unwrap();
    let model = format!("{}/samples/startup.ron", env!("CARGO_MANIFEST_DIR"));
    for (format, check) in [
        ("svg", b"<svg" as &[u8]),
        ("png", b"\x89PNG"),
        ("mermaid", b"flowchart LR"),
        ("dot", b"digraph"),
        ("csv", b"service,team"),
    ] {
        let out = dir.path().join(format!("out.{format}"));
        let out_path = out.display().to_string();
        let (code, _, stderr) = opmodel(&["export", &model, "--format", format, "-o", &out_path]);
        assert_eq!(code, 0, "{format}: {stderr}");
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(check), "{format}");
    }
    let zero = dir.path().join("zero.png").display().to_string();
    let args = [
        "export", &model, "--format", "png", "--scale", "0", "-o", &zero,
    ];
    assert_eq!(opmodel(&args).0, 2);
    assert!(!dir.path().join("zero.png").exists());
    assert_eq!(opmodel(&["export", "missing.ron", "--format", "svg"]).0, 2);
}
