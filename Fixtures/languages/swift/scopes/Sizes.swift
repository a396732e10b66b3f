func size() -> Int { 0 }
struct A { func size() -> Int { 1 } }
struct B { func size() -> Int { 2 } }
struct C { func size() -> Int { 3 } }
struct D { func size() -> Int { 4 } }
