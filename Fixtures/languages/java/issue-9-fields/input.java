class Fields {
    private int[] arr;
    int legacy[], other;
    static final int A = 1, B = 2;
    private final Map<String, List<Integer>> byName = new HashMap<>(), byId;
    boolean less = a < b, more = c > d;
    Runnable r = () -> { int local = 0; }, s = null;
    String[][] grid = {{"a", "b"}, {"c"}};
}
