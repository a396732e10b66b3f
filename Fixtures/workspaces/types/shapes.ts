interface Named { name(): string; }
class Animal implements Named { name(): string { return "a"; } }
class Dog extends Animal { name(): string { return "d"; } }
