class A$B {
    int $count;
    void $run() {}
    static class $Inner {}
}
