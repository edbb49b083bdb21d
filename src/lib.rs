//! Opmodel models You Build It You Run It operating models: product teams, operations teams,
//! domains, services and their dependencies. It works out what on-call costs, rota by rota,
//! and how well services are owned and covered out of hours.
//!
//! The domain core — [`model`], [`files`], [`edit`], [`analysis`], [`layout`], [`scene`], [`render`],
//! [`compare`], [`roadmap`] and [`report`] — has no GUI dependency. [`cli`] is the command line and [`app`] the desktop
//! editor.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod compare;
pub mod edit;
pub mod files;
pub mod format;
pub mod layout;
pub mod model;
pub mod render;
pub mod report;
pub mod roadmap;
pub mod scene;

// The synthetic generator is test support, kept out of the shipped library: the unit tests
// include it by path, and it names the library `opmodel` as the tests and benches do.
#[cfg(test)]
extern crate self as opmodel;
#[cfg(test)]
#[allow(dead_code)]
#[path = "../tests/support/synthetic.rs"]
mod synthetic;
