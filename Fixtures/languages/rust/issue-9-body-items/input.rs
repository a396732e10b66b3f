fn outer() {
    fn helper<T: Send>() {}
    let local = 1;
    struct Bomb<'a> {
        queue: &'a mut Vec<u8>,
    }
    impl Drop for Bomb<'_> {
        fn drop(&mut self) {}
    }
    #[cfg(not(feature = "std"))]
    {
        struct Abort;
    }
    let f: fn(i32) -> i32 = |x| x;
    if local > 0 {
        const LIMIT: usize = 3;
    }
}

impl Visitor {
    fn visit(&self) {
        type Value = u8;
        enum Local { A, B }
    }
}
