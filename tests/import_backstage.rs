//! SPEC 6.1: importing a Backstage software catalog. Each test writes a small catalog into a
//! temporary folder and checks one group of mapping rules and the notes they give.

use std::path::{Path, PathBuf};
use std::process::Command;

use opmodel::files::backstage::{Import, NoteReason, import};
use opmodel::model::{Lifecycle, ServiceKind, TeamKind};

fn catalog(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
    dir
}

fn import_dir(dir: &Path) -> Import {
    import(&[dir.to_path_buf()], "catalog").unwrap_or_else(|refused| panic!("{}", refused.message))
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<&str> {
    items.iter().map(id).collect()
}

fn noted(import: &Import, reason: NoteReason) -> Vec<String> {
    import
        .notes
        .iter()
        .filter(|n| n.reason == reason)
        .map(|n| n.subject.clone())
        .collect()
}

fn component(name: &str, extra: &str) -> String {
    format!(
        "---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: {name}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n{extra}"
    )
}

const TEAM_A: &str = "---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  members: [ann, bob, cat]\n";

#[test]
fn folders_are_read_in_path_order_component_by_component() {
    let dir = catalog(&[
        ("acme-corp.yaml", &component("second", "")),
        ("acme/x.yaml", &component("first", "")),
        ("b.yml", &component("third", "")),
        ("notes.txt", &component("never", "")),
        ("team.yaml", TEAM_A),
    ]);
    let import = import_dir(dir.path());
    assert_eq!(
        ids(&import.model.services, |s| &s.id),
        ["first", "second", "third"]
    );
}

#[test]
fn only_backstage_entities_are_read_from_several_documents() {
    let dir = catalog(&[(
        "all.yaml",
        &format!(
            "{}{}---\nkind: Component\nmetadata: {{name: no-api-version}}\n---\napiVersion: other.io/v1\nkind: Component\nmetadata: {{name: other}}\n---\n- a list\n{TEAM_A}",
            component("one", ""),
            component("two", "")
        ),
    )]);
    let import = import_dir(dir.path());
    assert_eq!(ids(&import.model.services, |s| &s.id), ["one", "two"]);
    assert_eq!(import.entities, 3);
}

#[test]
fn locations_are_followed_depth_first_and_no_file_is_read_twice() {
    let location = "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: all\nspec:\n  target: ./nested/inner.yaml\n  targets:\n    - ./zz.yaml\n    - https://example.com/catalog-info.yaml\n    - ./gone.yaml\n";
    let dir = catalog(&[
        (
            "a.yaml",
            &format!("{location}{}", component("after-location", "")),
        ),
        ("nested/inner.yaml", &component("inner", "")),
        ("zz.yaml", &format!("{}{TEAM_A}", component("zz", ""))),
        (
            "empty-location.yaml",
            "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: empty\nspec:\n  type: file\n",
        ),
    ]);
    let import = import_dir(dir.path());
    // a.yaml's Location reads nested/inner.yaml then zz.yaml before a.yaml goes on.
    assert_eq!(
        ids(&import.model.services, |s| &s.id),
        ["inner", "zz", "after-location"]
    );
    assert!(
        noted(&import, NoteReason::Duplicate).is_empty(),
        "{:?}",
        import.notes
    );
    assert_eq!(
        noted(&import, NoteReason::LocationTarget),
        [
            "location:default/all",
            "location:default/all",
            "location:default/empty"
        ],
        "a URL, a missing file and no target at all"
    );
}

#[test]
fn duplicates_keep_the_first_one_read() {
    let dir = catalog(&[
        (
            "a.yaml",
            &format!(
                "{}{TEAM_A}",
                component("checkout", "")
                    .replace("  name: checkout\n", "  name: checkout\n  title: First\n")
            ),
        ),
        (
            "b.yaml",
            &component("Checkout", "")
                .replace("  name: Checkout\n", "  name: Checkout\n  title: Second\n"),
        ),
    ]);
    let import = import_dir(dir.path());
    assert_eq!(import.model.services.len(), 1);
    assert_eq!(import.model.services[0].name, "First");
    assert_eq!(
        noted(&import, NoteReason::Duplicate),
        ["component:default/checkout"]
    );
    assert!(import.skipped_anything());
}

#[test]
fn invalid_yaml_is_noted_with_its_line_and_skipped() {
    let dir = catalog(&[
        (
            "bad.yaml",
            "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [unclosed\n",
        ),
        ("good.yaml", &format!("{}{TEAM_A}", component("good", ""))),
    ]);
    let import = import_dir(dir.path());
    assert_eq!(ids(&import.model.services, |s| &s.id), ["good"]);
    let bad = noted(&import, NoteReason::InvalidYaml);
    assert_eq!(bad.len(), 1);
    assert!(bad[0].contains("bad.yaml:"), "{bad:?}");
    let line: usize = bad[0].split(':').nth_back(1).unwrap().parse().unwrap();
    assert!(
        (4..=5).contains(&line),
        "the fault is at the end of the file: {bad:?}"
    );
}

#[test]
fn components_that_are_not_run_are_skipped() {
    let dir = catalog(&[(
        "c.yaml",
        &format!(
            "{}{}{}{TEAM_A}",
            component("site", "").replace("type: service", "type: Website"),
            component("lib", "").replace("type: service", "type: library"),
            component("docs", "").replace("  type: service\n", "")
        ),
    )]);
    let import = import_dir(dir.path());
    assert_eq!(ids(&import.model.services, |s| &s.id), ["site"]);
    assert_eq!(
        noted(&import, NoteReason::NotRun),
        ["component:default/lib", "component:default/docs"]
    );
}

#[test]
fn owners_resolve_case_insensitively_and_people_own_nothing() {
    let dir = catalog(&[(
        "c.yaml",
        &format!(
            "{}{}{}{}{TEAM_A}",
            component("mixed-case", "").replace("owner: team-a", "owner: Group:Default/Team-A"),
            component("person", "").replace("owner: team-a", "owner: user:jane"),
            component("email", "").replace("owner: team-a", "owner: jane@example.com"),
            component("ownerless", "").replace("  owner: team-a\n", "")
        ),
    )]);
    let import = import_dir(dir.path());
    let owners: Vec<Option<&str>> = import
        .model
        .services
        .iter()
        .map(|s| s.owner.as_deref())
        .collect();
    assert_eq!(owners, [Some("team-a"), None, None, None]);
    assert_eq!(
        noted(&import, NoteReason::OwnerIsPerson),
        ["component:default/person"]
    );
    assert_eq!(
        noted(&import, NoteReason::OwnerUnresolved),
        ["component:default/email", "component:default/ownerless"]
    );
    assert!(
        !import.skipped_anything(),
        "a service without owner is still imported"
    );
}

#[test]
fn lifecycles_map_to_inception_live_and_retiring() {
    let dir = catalog(&[(
        "c.yaml",
        &format!(
            "{}{}{}{}{TEAM_A}",
            component("new", "").replace("production", "experimental"),
            component("live", ""),
            component("old", "").replace("production", "deprecated"),
            component("odd", "").replace("production", "beta"),
        ),
    )]);
    let import = import_dir(dir.path());
    let lifecycles: Vec<Lifecycle> = import.model.services.iter().map(|s| s.lifecycle).collect();
    assert_eq!(
        lifecycles,
        [
            Lifecycle::Inception,
            Lifecycle::Live,
            Lifecycle::Retiring,
            Lifecycle::Live
        ]
    );
    assert_eq!(
        noted(&import, NoteReason::Lifecycle),
        ["component:default/odd"]
    );
}

#[test]
fn dependencies_come_from_depends_on_and_consumed_apis() {
    let api = "---\napiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: orders-api\nspec:\n  type: openapi\n";
    let dir = catalog(&[(
        "c.yaml",
        &format!(
            "{api}{}{}{}{}{TEAM_A}",
            component(
                "orders",
                "  providesApis: [orders-api]\n  consumesApis: [orders-api]\n"
            ),
            component("orders-v2", "  providesApis: [API:default/Orders-API]\n"),
            component(
                "web",
                "  dependsOn: [component:orders, component:Orders, orders, resource:db, component:lib, component:web]\n  consumesApis: [orders-api, component:orders, unknown-api]\n"
            ),
            component("lib", "").replace("type: service", "type: library"),
        ),
    )]);
    let import = import_dir(dir.path());
    let pairs: Vec<(&str, &str)> = import
        .model
        .dependencies
        .iter()
        .map(|d| (d.from.as_str(), d.to.as_str()))
        .collect();
    // orders consumes its own API: it provides it, so only orders-v2 is a dependency.
    // web: dependsOn orders (once), then the two providers of orders-api.
    assert_eq!(
        pairs,
        [
            ("orders", "orders-v2"),
            ("web", "orders"),
            ("web", "orders-v2")
        ]
    );
    assert_eq!(
        noted(&import, NoteReason::DependsOnWithoutKind),
        ["component:default/web"]
    );
    assert_eq!(
        noted(&import, NoteReason::DependencyNotService),
        ["component:default/web", "component:default/web"],
        "resource:db and the library"
    );
    assert_eq!(
        noted(&import, NoteReason::ConsumesNotApi),
        ["component:default/web"]
    );
    assert_eq!(
        noted(&import, NoteReason::ApiWithoutProvider),
        ["component:default/web"]
    );
}

#[test]
fn groups_become_teams_with_their_members_counted_once() {
    let user = |name: &str, groups: &str| {
        format!(
            "---\napiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: {name}\nspec:\n  memberOf: [{groups}]\n"
        )
    };
    let dir = catalog(&[(
        "org.yaml",
        &format!(
            "---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\n  title: Title A\nspec:\n  type: team\n  profile:\n    displayName: Display A\n  members: [ann, user:default/bob, User:Default/Bob, group:other]\n\
             ---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: owners\n  title: Owners title\nspec:\n  type: business-unit\n\
             ---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: dept\nspec:\n  type: department\n\
             ---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: empty-team\nspec:\n  type: Team\n\
             {}{}{}{}",
            user("ann", "team-a"),
            user("cat", "group:default/team-a, owners"),
            user("dan", "Team-A"),
            component("svc", "").replace("owner: team-a", "owner: owners"),
        ),
    )]);
    let import = import_dir(dir.path());
    let teams: Vec<(&str, &str, TeamKind, u32)> = import
        .model
        .teams
        .iter()
        .map(|t| (t.id.as_str(), t.name.as_str(), t.kind, t.members))
        .collect();
    // team-a: ann, bob (listed twice), cat and dan by memberOf = 4 distinct users.
    // owners: not a team type, but it owns a service; cat names it = 1 member.
    // empty-team: no members, so the default 5, noted. dept: not a team, owns nothing.
    assert_eq!(
        teams,
        [
            ("team-a", "Display A", TeamKind::Product, 4),
            ("owners", "Owners title", TeamKind::Product, 1),
            ("empty-team", "empty-team", TeamKind::Product, 5),
        ]
    );
    assert_eq!(
        noted(&import, NoteReason::DefaultMembers),
        ["group:default/empty-team"]
    );
}

#[test]
fn a_team_takes_the_most_common_domain_of_its_services_first_in_model_order_on_a_tie() {
    let entity = |kind: &str, name: &str, spec: &str| {
        format!(
            "---\napiVersion: backstage.io/v1alpha1\nkind: {kind}\nmetadata:\n  name: {name}\nspec:\n{spec}"
        )
    };
    let dir = catalog(&[(
        "c.yaml",
        &[
            entity("Domain", "home", "  owner: team-a\n"),
            entity("Domain", "garden", "  owner: team-a\n")
                .replace("  name: garden\n", "  name: garden\n  title: The garden\n"),
            entity("System", "beds", "  domain: home\n"),
            entity("System", "sheds", "  domain: domain:default/Garden\n"),
            entity("System", "nowhere", "  owner: team-a\n"),
            TEAM_A.to_owned(),
            entity("Group", "team-b", "  type: team\n  members: [x]\n"),
            entity("Group", "team-c", "  type: team\n  members: [x]\n"),
            // team-a: sheds, beds, sheds → garden 2, home 1.
            component("a1", "  system: sheds\n"),
            component("a2", "  system: beds\n"),
            component("a3", "  system: system:default/Sheds\n"),
            // team-b: garden then home, one each → home comes first in model order.
            component("b1", "  system: sheds\n").replace("owner: team-a", "owner: team-b"),
            component("b2", "  system: beds\n").replace("owner: team-a", "owner: team-b"),
            // team-c: no service with a domain.
            component("c1", "  system: nowhere\n").replace("owner: team-a", "owner: team-c"),
        ]
        .concat(),
    )]);
    let import = import_dir(dir.path());
    let domains: Vec<(&str, &str)> = import
        .model
        .domains
        .iter()
        .map(|d| (d.id.as_str(), d.name.as_str()))
        .collect();
    assert_eq!(domains, [("home", "home"), ("garden", "The garden")]);
    let team_domains: Vec<Option<&str>> = import
        .model
        .teams
        .iter()
        .map(|t| t.domain.as_deref())
        .collect();
    assert_eq!(team_domains, [Some("garden"), Some("home"), None]);
}

#[test]
fn annotations_override_and_complete_the_mapping() {
    let annotated = "---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ops\n  annotations:\n    opmodel/team-kind: Operations\n    opmodel/members: \"7\"\n    opmodel/domain: core\nspec:\n  type: team\n\
                     ---\napiVersion: backstage.io/v1alpha1\nkind: Domain\nmetadata:\n  name: core\nspec: {}\n\
                     ---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: bad-team\n  annotations:\n    opmodel/team-kind: Squad\n    opmodel/members: \"0\"\n    opmodel/domain: nowhere\nspec:\n  type: team\n  members: [x]\n";
    let service = component(
        "erp",
        "",
    )
    .replace("owner: team-a", "owner: ops")
    .replace(
        "  name: erp\n",
        "  name: erp\n  annotations:\n    opmodel/service-kind: COTS\n    opmodel/exposure-per-hour: \"250000\"\n    opmodel/availability: \"99.9\"\n    opmodel/demand: Medium\n    opmodel/callouts-per-year: \"4\"\n    opmodel/compliance: PCI-DSS, SOX\n",
    );
    let broken = component("broken", "").replace(
        "  name: broken\n",
        "  name: broken\n  annotations:\n    opmodel/service-kind: Mainframe\n    opmodel/exposure-per-hour: lots\n    opmodel/availability: \"101\"\n    opmodel/demand: Extreme\n    opmodel/callouts-per-year: \"-1\"\n    opmodel/compliance: SOX, SOX\n",
    );
    let dir = catalog(&[("c.yaml", &format!("{annotated}{service}{broken}{TEAM_A}"))]);
    let import = import_dir(dir.path());
    let ops = &import.model.teams[0];
    assert_eq!(
        (ops.kind, ops.members, ops.domain.as_deref()),
        (TeamKind::Operations, 7, Some("core"))
    );
    let bad_team = &import.model.teams[1];
    assert_eq!(
        (bad_team.kind, bad_team.members, bad_team.domain.as_deref()),
        (TeamKind::Product, 1, None)
    );
    let erp = &import.model.services[0];
    assert_eq!(erp.kind, ServiceKind::Cots);
    assert_eq!(erp.exposure_per_hour, Some(250000.0));
    assert_eq!(erp.availability, Some(99.9));
    assert_eq!(erp.demand, opmodel::model::Demand::Medium);
    assert_eq!(erp.callouts_per_year, 4.0);
    assert_eq!(erp.compliance, ["PCI-DSS", "SOX"]);
    let broken = &import.model.services[1];
    assert_eq!(
        (broken.kind, broken.exposure_per_hour, broken.availability),
        (ServiceKind::Digital, None, None)
    );
    assert!(broken.compliance.is_empty());
    let bad = noted(&import, NoteReason::BadAnnotation);
    assert_eq!(
        bad.iter()
            .filter(|s| *s == "group:default/bad-team")
            .count(),
        3,
        "{bad:?}"
    );
    assert_eq!(
        bad.iter()
            .filter(|s| *s == "component:default/broken")
            .count(),
        6,
        "{bad:?}"
    );
}

#[test]
fn ids_stay_unique_with_suffixes_and_namespace_prefixes() {
    let dir = catalog(&[(
        "c.yaml",
        &format!(
            "---\napiVersion: backstage.io/v1alpha1\nkind: Domain\nmetadata:\n  name: payments\nspec: {{}}\n\
             ---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: payments\nspec:\n  type: team\n  members: [x]\n\
             ---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: payments\n  namespace: shop\nspec:\n  type: team\n  members: [x]\n\
             {}{}{TEAM_A}",
            component("payments", ""),
            component("payments", "")
                .replace(
                    "  name: payments\n",
                    "  name: payments\n  namespace: shop\n"
                )
                .replace("owner: team-a", "owner: group:shop/payments"),
        ),
    )]);
    let import = import_dir(dir.path());
    assert_eq!(
        ids(&import.model.services, |s| &s.id),
        ["payments", "shop-payments"]
    );
    assert_eq!(
        ids(&import.model.teams, |t| &t.id),
        ["payments-team", "shop-payments-team", "team-a"]
    );
    assert_eq!(ids(&import.model.domains, |d| &d.id), ["payments-domain"]);
    assert_eq!(
        import.model.services[1].owner.as_deref(),
        Some("shop-payments-team")
    );
    opmodel::model::validate(&import.model).expect("unique ids");
}

#[test]
fn the_summary_counts_and_groups_the_notes() {
    let dir = catalog(&[(
        "c.yaml",
        &format!(
            "{}{}{}{TEAM_A}",
            component("a", "").replace("production", "beta"),
            component("b", "").replace("production", "gamma"),
            component("lib", "").replace("type: service", "type: library"),
        ),
    )]);
    let summary = import_dir(dir.path()).summary();
    assert!(
        summary.starts_with(
            "Imported 0 domains, 1 team, 2 services and 0 dependencies from 4 catalog entities."
        ),
        "{summary}"
    );
    let lifecycle = summary
        .lines()
        .position(|l| l.starts_with("lifecycle not"))
        .unwrap();
    let lines: Vec<&str> = summary.lines().collect();
    assert!(lines[lifecycle].ends_with("(2):"), "{summary}");
    assert_eq!(
        lines[lifecycle + 1],
        "  - component:default/a: lifecycle beta"
    );
    assert_eq!(
        lines[lifecycle + 2],
        "  - component:default/b: lifecycle gamma"
    );
}

fn run(args: &[&str], paths: &[PathBuf]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_opmodel"))
        .args(["import", "backstage"])
        .args(paths)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_command_line_writes_a_model_and_strict_refuses_skips() {
    let dir = catalog(&[(
        "c.yaml",
        &format!(
            "{}{}{TEAM_A}",
            component("svc", ""),
            component("lib", "").replace("type: service", "type: library")
        ),
    )]);
    let out = dir.path().join("out.ron");
    let paths = [dir.path().join("c.yaml")];
    let strict = run(&["--strict", "-o", out.to_str().unwrap()], &paths);
    assert_eq!(strict.status.code(), Some(2));
    assert!(!out.exists(), "--strict writes nothing");
    let relaxed = run(&["--name", "Shop", "-o", out.to_str().unwrap()], &paths);
    assert_eq!(
        relaxed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&relaxed.stderr)
    );
    let model = opmodel::files::ron::load(&out).unwrap();
    assert_eq!(model.name, "Shop");
    assert_eq!(model.services.len(), 1);
    let stderr = String::from_utf8_lossy(&relaxed.stderr);
    assert!(stderr.contains("component:default/lib"), "{stderr}");
    let nothing = run(&[], &[dir.path().join("missing.yaml")]);
    assert_eq!(nothing.status.code(), Some(2));
    assert!(nothing.stdout.is_empty());
}

#[test]
fn the_sample_catalog_imports_cleanly() {
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/backstage");
    let import = import(&[sample], "sample").unwrap();
    opmodel::model::validate(&import.model).unwrap();
    assert!(import.model.services.len() >= 6, "{}", import.summary());
    assert!(!import.model.dependencies.is_empty());
    assert!(
        import
            .model
            .teams
            .iter()
            .all(|t| t.domain.is_some() || t.kind == TeamKind::Operations),
        "{:?}",
        import.model.teams
    );
}
