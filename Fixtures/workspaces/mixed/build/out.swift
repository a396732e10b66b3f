struct BuildProduct {}
