//! Import and export speed (SPEC 6, issues 11 and 17): a generated Backstage catalog of
//! 10,000 components imports in ≤ 1 s, and so does a sheet of 10,000 rows, caps and checks
//! included; 1,000 services export in ≤ 200 ms as SVG and ≤ 1 s as PNG.
//!
//! Run one at a time, briefly:
//! `cargo bench --bench import_export -- --warm-up-time 1 --measurement-time 3 svg`.

// Shared with the tests; each bench uses only part of it.
#[allow(dead_code)]
#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use std::fmt::Write;
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use opmodel::{files, render};

const COMPONENTS: usize = 10_000;
const FILES: usize = 100;
const TEAMS: usize = 500;

/// A catalog of `COMPONENTS` services spread over `FILES` files behind one Location, with
/// teams, users, systems, domains, APIs and dependencies between neighbours.
fn write_catalog(dir: &Path) {
    let mut location = String::from(
        "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: all\nspec:\n  targets:\n",
    );
    let mut org = String::new();
    for d in 0..10 {
        let _ = write!(
            org,
            "---\napiVersion: backstage.io/v1alpha1\nkind: Domain\nmetadata:\n  name: domain-{d}\nspec:\n  owner: team-0\n"
        );
    }
    for s in 0..100 {
        let _ = write!(
            org,
            "---\napiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: system-{s}\nspec:\n  owner: team-0\n  domain: domain-{}\n",
            s % 10
        );
    }
    for t in 0..TEAMS {
        let _ = write!(
            org,
            "---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-{t}\nspec:\n  type: team\n  members: [user-{t}-a, user-{t}-b]\n---\napiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: user-{t}-c\nspec:\n  memberOf: [team-{t}]\n"
        );
    }
    std::fs::write(dir.join("org.yaml"), org).unwrap();
    location.push_str("    - ./org.yaml\n");
    let per_file = COMPONENTS / FILES;
    for f in 0..FILES {
        let mut body = String::new();
        for i in f * per_file..(f + 1) * per_file {
            let _ = write!(
                body,
                "---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: service-{i}\n  title: Service {i}\n  annotations:\n    opmodel/exposure-per-hour: \"{}\"\nspec:\n  type: service\n  lifecycle: production\n  owner: team-{}\n  system: system-{}\n  dependsOn: [component:service-{}]\n  providesApis: [api-{i}]\n  consumesApis: [api-{}]\n",
                i * 10,
                i % TEAMS,
                i % 100,
                (i + 1) % COMPONENTS,
                (i + 7) % COMPONENTS
            );
        }
        std::fs::write(dir.join(format!("components-{f}.yaml")), body).unwrap();
        let _ = writeln!(location, "    - ./components-{f}.yaml");
    }
    std::fs::write(dir.join("catalog-info.yaml"), location).unwrap();
}

fn import(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    write_catalog(dir.path());
    let root = [dir.path().join("catalog-info.yaml")];
    let once = files::backstage::import(&root, "bench").unwrap();
    assert_eq!(once.model.services.len(), COMPONENTS);
    c.bench_function("import backstage 10,000 components", |b| {
        b.iter(|| black_box(files::backstage::import(&root, "bench")))
    });
}

/// A sheet of `COMPONENTS` services over `TEAMS` teams and 20 domains, each depending on
/// the next.
fn sheet() -> String {
    let mut text = String::from("service,team,domain,kind,exposure_per_hour,depends_on\n");
    for i in 0..COMPONENTS {
        let _ = writeln!(
            text,
            "Service {i},Team {},Domain {},Digital,{},Service {}",
            i % TEAMS,
            i % 20,
            i * 10,
            (i + 1) % COMPONENTS
        );
    }
    text
}

fn import_sheet(c: &mut Criterion) {
    let text = sheet();
    let once = files::csv_sheet::read_sheet(&text, "bench").unwrap();
    assert_eq!(once.services.len(), COMPONENTS);
    c.bench_function("import csv 10,000 rows", |b| {
        b.iter(|| black_box(files::csv_sheet::read_sheet(&text, "bench").unwrap()))
    });
    c.bench_function("export csv 10,000 rows", |b| {
        b.iter(|| black_box(files::csv_sheet::write_sheet(&once).unwrap()))
    });
}

fn export(c: &mut Criterion) {
    let model = synthetic::generate(1_000, 200, 3_000, 11);
    let analysis = opmodel::analysis::analyze(&model);
    c.bench_function("export svg 1,000 services", |b| {
        b.iter(|| black_box(render::svg_with(&model, &analysis)))
    });
    let svg = render::svg_with(&model, &analysis);
    c.bench_function("export png 1,000 services", |b| {
        b.iter(|| black_box(render::png_from_svg(&svg, render::DEFAULT_SCALE).unwrap()))
    });
    c.bench_function("export mermaid and dot 1,000 services", |b| {
        b.iter(|| {
            black_box(render::mermaid_with(&model, &analysis));
            black_box(render::dot_with(&model, &analysis));
        })
    });
}

/// Twenty services and their team, every name `chars` characters long: one word with no
/// room to break, or words of seven letters.
fn long_names(chars: usize, spaced: bool) -> opmodel::model::Model {
    let mut model = synthetic::generate(20, 1, 10, 5);
    let name = |seed: usize| -> String {
        (0..chars)
            .map(|i| {
                if spaced && i % 8 == 7 {
                    ' '
                } else {
                    char::from(b'a' + ((i + seed) % 26) as u8)
                }
            })
            .collect()
    };
    for (index, service) in model.services.iter_mut().enumerate() {
        service.name = name(index);
    }
    for (index, team) in model.teams.iter_mut().enumerate() {
        team.name = name(100 + index);
    }
    model
}

fn export_by_name_length(c: &mut Criterion) {
    let mut group = c.benchmark_group("export svg, 20 names of");
    for chars in [100, 300, opmodel::model::limits::NAME_CHARS] {
        for spaced in [false, true] {
            let model = long_names(chars, spaced);
            let analysis = opmodel::analysis::analyze(&model);
            let words = if spaced { "words" } else { "one word" };
            group.throughput(criterion::Throughput::Elements(chars as u64));
            group.bench_function(format!("{chars} characters, {words}"), |b| {
                b.iter(|| black_box(render::svg_with(&model, &analysis)))
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = import, import_sheet, export, export_by_name_length
}
criterion_main!(benches);
