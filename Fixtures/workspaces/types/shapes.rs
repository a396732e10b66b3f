pub trait Area { fn area(&self) -> f64; }
pub struct Tile { side: f64 }
impl Area for Tile { fn area(&self) -> f64 { self.side * self.side } }
