//! Opmodel models You Build It You Run It operating models: product teams, operations teams,
//! domains, services and their dependencies. It works out what on-call costs, rota by rota,
//! and how well services are owned and covered out of hours.
//!
//! The domain core — [`model`], [`io`], [`analysis`], [`layout`], [`scene`], [`render`],
//! [`compare`] and [`report`] — has no GUI dependency. [`cli`] is the command line and [`app`] the desktop
//! editor.

pub mod actions;
pub mod analysis;
pub mod app;
pub mod cli;
pub mod compare;
pub mod edit;
pub mod files;
pub mod fixes;
pub mod format;
pub mod history;
pub mod io;
pub mod layout;
pub mod model;
pub mod render;
pub mod report;
pub mod scene;
pub mod synthetic;
pub mod text;
