use crate::shapes::circle::Circle;
use crate::shapes::{self, Shape as _};

pub enum Size {
    Small,
    Large(f64),
}

fn classify(c: &Circle) -> Size {
    match c.radius {
        r if r < 1.0 => Size::Small,
        r => Size::Large(r),
    }
}

pub fn run(items: &[f64], limit: usize) -> f64 {
    let mut total = 0.0;
    for (i, x) in items.iter().enumerate() {
        if i >= limit {
            break;
        }
        let c = Circle::new(*x);
        let bigger = c.grow(2.0);
        total += bigger.area() + c.radius;
    }
    let total = total * 2.0;
    if let Some(g) = Circle::new(total).try_grow(1.0) {
        total + g.radius
    } else {
        let scale = |v: f64| v * shapes::UNIT + total;
        scale(total)
    }
}

pub fn sizes(list: Vec<Circle>) -> usize {
    list.iter().filter(|c| matches!(classify(c), Size::Large(_))).count()
}

mod inner {
    pub fn helper(x: i32) -> i32 {
        let x = x + 1;
        x * 2
    }

    pub fn twice(x: i32) -> i32 {
        helper(helper(x))
    }
}

fn uses_inner() -> i32 {
    inner::twice(3) + self::inner::helper(1)
}
