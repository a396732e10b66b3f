fn main() {
    println!("one
 two");
    let s = "a \" quote
still in the string";
}

pub fn after() {}

fn r#type() {}
struct r#match {
    x: u8,
}
