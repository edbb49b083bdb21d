//! What the editor draws: each view reads the state and sends commands, and never changes
//! the state itself.

pub mod canvas;

// The canvas names the selection and the palette from here.
use super::{selection, theme};
