//! Crate docs: fn not_real() {} in a doc comment.
/* block /* nested fn also_not_real() {} */ still a comment */
use std::fmt;

pub const MAX: usize = 10;
static mut COUNTER: u32 = 0;
pub type Result<T> = std::result::Result<T, Error>;

#[derive(Debug, Clone)]
pub struct Point<'a> {
    pub x: f64,
    y: f64,
    label: &'a str,
}

struct Unit;
struct Pair(u8, u8);

pub enum Shape {
    Circle { radius: f64 },
    Square(f64),
    Empty = 3,
}

union Bits {
    int: u32,
    float: f32,
}

pub trait Area {
    fn area(&self) -> f64;
    fn describe(&self) -> String {
        format!("area {}", self.area())
    }
}

impl<'a> Point<'a> {
    pub fn new(x: f64, y: f64) -> Self {
        let raw = r#"fn inside_raw() { }"#;
        let c = '{';
        Point { x, y, label: raw }
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "shape")
    }
}

impl<T> Area for Vec<T> where T: Area {
    fn area(&self) -> f64 { 0.0 }
}

pub mod geometry {
    pub fn distance(a: f64, b: f64) -> f64 {
        fn helper() {}
        (a - b).abs()
    }
}

macro_rules! square {
    ($x:expr) => { $x * $x };
}

pub async unsafe fn dangerous<'a, T: Clone>(items: &'a [T]) -> Option<&'a T>
where
    T: fmt::Debug,
{
    items.first()
}
