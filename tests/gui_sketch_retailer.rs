//! Issue 20's yardstick, driven through the real editor with egui_kittest: an architect
//! sketches a small retailer from an empty model — 2 domains, 4 product teams, a platform
//! team and an operations team, 10 services with owners, exposures and demand, 6
//! dependencies and exposure bands — with the keys and clicks a user would, in at most 120
//! input events (it took about 345 before). Then the file it saves is read back and the
//! library's report of it is compared with what the figures panel showed.
//!
//! One input event is one key press (with its modifiers), one click, or one entry typed
//! into the field that has the keyboard (a name, a number, a path), as the issue counted.

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use opmodel::app::OpmodelApp;
use serde_json::Value;

mod support;
use support::{document, finish_file_jobs, harness};

/// The editor under test and how many input events it has been given.
struct Route {
    harness: Harness<'static, OpmodelApp>,
    events: usize,
}

impl Route {
    fn key(&mut self, modifiers: Modifiers, key: Key) {
        self.events += 1;
        self.harness.key_press_modifiers(modifiers, key);
        self.harness.run_steps(4);
    }

    /// Text typed into whatever has the keyboard.
    fn type_text(&mut self, text: &str) {
        self.events += 1;
        self.harness.event(Event::Text(text.to_owned()));
        self.harness.run_steps(3);
    }

    /// A click on the widget labelled `label`; when several are, the last drawn (an open
    /// list's option is drawn over the form it belongs to).
    fn click(&mut self, label: &str) {
        self.events += 1;
        let node = self
            .harness
            .query_all_by_label(label)
            .last()
            .unwrap_or_else(|| panic!("nothing is labelled {label}"));
        node.click();
        self.harness.run_steps(4);
    }

    /// A click on the node of entity `id` on the canvas.
    fn click_node(&mut self, id: &str) {
        self.events += 1;
        self.settle(id);
        // Out of sight, past the panels or down by the legend and the map, the user fits the
        // model to the view first.
        let seen = support::node_position(&self.harness, id)
            .is_some_and(|p| p.x > 340.0 && p.x < 1140.0 && p.y > 120.0 && p.y < 740.0);
        if !seen {
            self.key(Modifiers::NONE, Key::F);
            self.settle(id);
        }
        let at = support::node_position(&self.harness, id).unwrap_or_else(|| {
            let model = document(&self.harness).model();
            panic!("{id} is drawn on the canvas: {model:?}")
        });
        support::click_at(&mut self.harness, at);
    }

    /// Runs frames until node `id` stops moving: the view glides to a new node or a fit.
    fn settle(&mut self, id: &str) {
        for _ in 0..240 {
            let before = support::node_position(&self.harness, id);
            self.harness.run_steps(1);
            if support::node_position(&self.harness, id) == before {
                return;
            }
        }
        panic!("node {id} was still moving after 240 frames");
    }

    /// Adds a team, service or domain with its key and types its name over the new node's;
    /// `enter` when the next thing is a key, else the next click keeps the name.
    fn add(&mut self, key: Key, name: &str, enter: bool) {
        self.key(Modifiers::NONE, key);
        self.type_text(name);
        if enter {
            self.key(Modifiers::NONE, Key::Enter);
        }
    }

    /// Duplicates the selected service (its owner, exposure and demand with it) and names
    /// the copy.
    fn duplicate(&mut self, name: &str, enter: bool) {
        self.key(Modifiers::COMMAND, Key::D);
        self.type_text(name);
        if enter {
            self.key(Modifiers::NONE, Key::Enter);
        }
    }

    /// Picks `option` in the inspector's list `field`.
    fn choose(&mut self, field: &str, option: &str) {
        self.click(field);
        self.click(option);
    }

    /// Types an exposure per hour into the selected service's empty field.
    fn exposure(&mut self, amount: &str) {
        self.click("Exposure / hour (GBP)");
        self.type_text(amount);
    }

    /// A service for the selected team, or the selected service's team.
    fn service(&mut self, name: &str, exposure: &str, demand: &str) {
        self.add(Key::S, name, false);
        self.exposure(exposure);
        self.choose("Feature demand", demand);
    }

    /// Connects `from` to `to` in connect mode: a dependency between two services.
    fn connect(&mut self, from: &str, to: &str) {
        self.click_node(from);
        self.click_node(to);
    }
}

#[test]
fn a_small_retailer_is_sketched_in_at_most_120_input_events_and_shows_its_report() {
    let dir = tempfile::tempdir().unwrap();
    let mut route = Route {
        harness: harness(support::app()),
        events: 0,
    };

    // The model's name, in the inspector while nothing is selected.
    route.click("Name");
    route.key(Modifiers::COMMAND, Key::A);
    route.type_text("Harbour Street retail");
    route.key(Modifiers::NONE, Key::Enter);

    // Two domains, each named as it is added; the second lands beside the first.
    route.add(Key::D, "Online", true);
    route.add(Key::D, "Stores", false);
    // Two product teams in each: a team added with a domain, or one of its teams,
    // selected joins that domain.
    route.click_node("online");
    route.add(Key::T, "Web shop", true);
    route.add(Key::T, "Payments", true);
    route.click_node("stores");
    route.add(Key::T, "Store systems", true);
    route.add(Key::T, "Supply chain", true);
    // A platform team and an operations team, in no domain.
    route.key(Modifiers::NONE, Key::Escape);
    route.add(Key::T, "Platform", false);
    route.choose("Kind", "Platform");
    route.add(Key::T, "Service desk", false);
    route.choose("Kind", "Operations");

    // Ten services: each added under its team, named, its exposure typed in and its
    // demand chosen; a team's second service is a copy of the first, renamed.
    route.service("Data warehouse", "50,000", "Low");
    route.click_node("platform");
    route.service("API gateway", "100,000", "High");
    // A product team's pair: the first service, then its copy with its own exposure where
    // it differs. Each copy's name is kept with Enter: its field over the canvas may cover the
    // next team's card.
    let pairs = [
        (
            "web-shop",
            ("Storefront", "20,000", "High"),
            ("Basket", None),
        ),
        (
            "payments",
            ("Checkout", "60,000", "Very high"),
            ("Refunds", Some("5,000")),
        ),
        (
            "store-systems",
            ("Tills", "30,000", "High"),
            ("Click and collect", None),
        ),
        (
            "supply-chain",
            ("Stock levels", "8,000", "Low"),
            ("Replenishment", None),
        ),
    ];
    for (team, (name, exposure, demand), (copy, own_exposure)) in pairs {
        route.click_node(team);
        route.service(name, exposure, demand);
        route.duplicate(copy, true);
        if let Some(amount) = own_exposure {
            route.click("Exposure / hour (GBP)");
            route.key(Modifiers::COMMAND, Key::A);
            route.type_text(amount);
            route.key(Modifiers::NONE, Key::Enter);
        }
    }

    // The whole sketch in view, then six dependencies, two clicks each in connect mode.
    route.key(Modifiers::NONE, Key::F);
    route.key(Modifiers::NONE, Key::C);
    for (from, to) in [
        ("storefront", "basket"),
        ("basket", "checkout"),
        ("checkout", "api-gateway"),
        ("storefront", "api-gateway"),
        ("click-and-collect", "stock-levels"),
        ("replenishment", "data-warehouse"),
    ] {
        route.connect(from, to);
    }
    route.key(Modifiers::NONE, Key::Escape);

    // Exposure bands: each one added continues the playbook's ladder, 95 % up to 10,000 an
    // hour, then 99 % to 100,000 and 99.9 % to a million.
    route.key(Modifiers::COMMAND, Key::Comma);
    for _ in 0..3 {
        route.click("+ Add band");
    }
    route.key(Modifiers::COMMAND, Key::Comma);

    // Saved, through the built-in prompt.
    let path = dir.path().join("harbour-street.ron");
    route.key(Modifiers::COMMAND, Key::S);
    route.key(Modifiers::COMMAND, Key::A);
    route.type_text(&path.display().to_string());
    route.key(Modifiers::NONE, Key::Enter);
    finish_file_jobs(&mut route.harness);

    assert!(
        route.events <= 120,
        "the retailer took {} input events",
        route.events
    );
    assert_eq!(route.events, 115, "the route as written above");

    let model = document(&route.harness).model().clone();
    check_the_sketch(&model);

    // The saved file, read back, is the model on the screen; its report is what the
    // figures panel shows.
    let text = std::fs::read_to_string(&path).expect("the model was saved");
    let saved = opmodel::files::ron::parse(&text, &path).expect("the saved file loads");
    assert_eq!(saved, model);
    let report: Value =
        serde_json::from_str(&opmodel::report::json(&opmodel::analysis::analyze(&saved))).unwrap();
    figures_show(&route.harness, &report);
}

/// What the route built: every entity where it belongs, named, with its figures.
fn check_the_sketch(model: &opmodel::model::Model) {
    use opmodel::model::{Demand, TeamKind};
    assert_eq!(model.name, "Harbour Street retail");
    let domains: Vec<(&str, &str)> = model
        .domains
        .iter()
        .map(|d| (d.id.as_str(), d.name.as_str()))
        .collect();
    assert_eq!(domains, [("online", "Online"), ("stores", "Stores")]);
    let teams: Vec<(&str, TeamKind, Option<&str>)> = model
        .teams
        .iter()
        .map(|t| (t.id.as_str(), t.kind, t.domain.as_deref()))
        .collect();
    assert_eq!(
        teams,
        [
            ("web-shop", TeamKind::Product, Some("online")),
            ("payments", TeamKind::Product, Some("online")),
            ("store-systems", TeamKind::Product, Some("stores")),
            ("supply-chain", TeamKind::Product, Some("stores")),
            ("platform", TeamKind::Platform, None),
            ("service-desk", TeamKind::Operations, None),
        ]
    );
    type Row<'a> = (&'a str, &'a str, Option<&'a str>, Option<f64>, Demand);
    let services: Vec<Row> = model
        .services
        .iter()
        .map(|s| {
            (
                s.id.as_str(),
                s.name.as_str(),
                s.owner.as_deref(),
                s.exposure_per_hour,
                s.demand,
            )
        })
        .collect();
    assert_eq!(
        services,
        [
            (
                "data-warehouse",
                "Data warehouse",
                Some("service-desk"),
                Some(50_000.0),
                Demand::Low
            ),
            (
                "api-gateway",
                "API gateway",
                Some("platform"),
                Some(100_000.0),
                Demand::High
            ),
            (
                "storefront",
                "Storefront",
                Some("web-shop"),
                Some(20_000.0),
                Demand::High
            ),
            (
                "basket",
                "Basket",
                Some("web-shop"),
                Some(20_000.0),
                Demand::High
            ),
            (
                "checkout",
                "Checkout",
                Some("payments"),
                Some(60_000.0),
                Demand::VeryHigh
            ),
            (
                "refunds",
                "Refunds",
                Some("payments"),
                Some(5_000.0),
                Demand::VeryHigh
            ),
            (
                "tills",
                "Tills",
                Some("store-systems"),
                Some(30_000.0),
                Demand::High
            ),
            (
                "click-and-collect",
                "Click and collect",
                Some("store-systems"),
                Some(30_000.0),
                Demand::High
            ),
            (
                "stock-levels",
                "Stock levels",
                Some("supply-chain"),
                Some(8_000.0),
                Demand::Low
            ),
            (
                "replenishment",
                "Replenishment",
                Some("supply-chain"),
                Some(8_000.0),
                Demand::Low
            ),
        ]
    );
    assert_eq!(model.dependencies.len(), 6, "{:?}", model.dependencies);
    let bands: Vec<(f64, f64)> = model
        .settings
        .exposure_bands
        .iter()
        .map(|b| (b.max_exposure_per_hour, b.availability))
        .collect();
    assert_eq!(
        bands,
        [(10_000.0, 95.0), (100_000.0, 99.0), (1_000_000.0, 99.9)]
    );
    let positions = opmodel::layout::positions(model);
    assert_eq!(
        opmodel::layout::areas::intruders(model, &positions),
        Vec::<(&str, &str)>::new(),
        "everything landed in its own area"
    );
}

/// A whole amount with thousands separators, as a person writes it: 26,480.
fn thousands(value: f64) -> String {
    let digits = format!("{:.0}", value.round().abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Whether some widget's label or value is exactly `text`.
fn shown(harness: &Harness<'_, OpmodelApp>, text: &str) -> bool {
    harness
        .query_all_by(|node| {
            node.label().as_deref() == Some(text) || node.value().as_deref() == Some(text)
        })
        .next()
        .is_some()
}

/// The figures panel shows the report's totals, coverage and every rota.
fn figures_show(harness: &Harness<'_, OpmodelApp>, report: &Value) {
    let number = |v: &Value| v.as_f64().expect("a number");
    let totals = &report["totals"];
    let expected = [
        format!("GBP {}", thousands(number(&totals["annual_cost"]))),
        format!(
            "Standby {} · Callout {}",
            thousands(number(&totals["standby_cost"])),
            thousands(number(&totals["callout_cost"]))
        ),
        format!(
            "{} teams · {} services · {}",
            totals["teams"],
            totals["services"],
            match totals["rotas"].as_u64() {
                Some(1) => "1 rota".to_owned(),
                n => format!("{} rotas", n.unwrap_or_default()),
            }
        ),
        format!("{:.1} %", number(&report["coverage"]["ownership"]) * 100.0),
        format!("{:.1} %", number(&report["coverage"]["on_call"]) * 100.0),
    ];
    for text in expected {
        assert!(shown(harness, &text), "the figures show {text}");
    }
    let rotas = report["rotas"].as_array().expect("rotas");
    assert!(!rotas.is_empty(), "someone is on call");
    for rota in rotas {
        let name = rota["name"].as_str().unwrap();
        assert!(shown(harness, name), "the rota table names {name} in full");
        let cost = thousands(number(&rota["annual_cost"]));
        assert!(shown(harness, &cost), "{name} costs {cost}");
    }
}
