//! What the user has selected. It sits below both the document and the canvas, which both
//! refer to it, so neither depends on the other.

/// An entity by id, or a relation drawn on the canvas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    Entity(String),
    Dependency { from: String, to: String },
    Ownership { service: String },
    Interaction { from: String, to: String },
}
