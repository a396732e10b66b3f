use super::{Shape, UNIT};

#[derive(Debug, Clone)]
pub struct Circle {
    pub radius: f64,
    pub name: String,
}

impl Circle {
    pub fn new(radius: f64) -> Self {
        Circle { radius, name: String::from("circle") }
    }

    pub fn grow(&self, by: f64) -> Circle {
        Circle::new(self.radius * by + UNIT)
    }

    pub fn try_grow(&self, by: f64) -> Option<Circle> {
        if by > 0.0 { Some(self.grow(by)) } else { None }
    }
}

impl Shape for Circle {
    fn area(&self) -> f64 {
        3.14 * self.radius * self.radius
    }
}
