package com.example.shapes;

import java.util.List;
import java.util.Map;

/** A shape. "class NotReal {}" in a comment. */
@Deprecated
public abstract class Shape implements Comparable<Shape> {
    public static final double PI = 3.14159;
    private final Map<String, List<Integer>> cache, backup;
    protected int sides;
    String label = "class Fake {}";

    public Shape(int sides) {
        this.sides = sides;
        Runnable r = new Runnable() { public void run() { int local = 1; } };
    }

    @Override
    public int compareTo(Shape other) {
        return Integer.compare(sides, other.sides);
    }

    public abstract double area();

    static <T extends Comparable<T>> T max(List<T> items) {
        return items.get(0);
    }

    public static class Builder {
        private int sides;

        Builder withSides(int sides) {
            this.sides = sides;
            return this;
        }
    }

    static {
        System.out.println("static initializer");
    }
}

interface Drawable {
    void draw(Canvas canvas);
    default String name() { return "drawable"; }
}

enum Color {
    RED, GREEN("g"), @Deprecated BLUE {
        @Override
        public String toString() { return "blue"; }
    };

    private final String code;

    Color() { this("x"); }
    Color(String code) { this.code = code; }
}

record Point(int x, int y) implements Drawable {
    public void draw(Canvas canvas) {}
}

@interface Marker {
    String value() default "";
}

class TextBlocks {
    String text = """
        class InsideTextBlock {}
        """;
}
