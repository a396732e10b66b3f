//! The crate root: `input` and `shapes` are its modules.
pub mod input;
pub mod shapes;

pub use shapes::circle::Circle;

pub fn area_of(shape: &dyn shapes::Shape) -> f64 {
    shape.area()
}
