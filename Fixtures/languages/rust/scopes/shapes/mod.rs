pub mod circle;

pub trait Shape {
    fn area(&self) -> f64;
    fn describe(&self) -> String {
        format!("a shape of area {}", self.area())
    }
}

pub const UNIT: f64 = 1.0;
