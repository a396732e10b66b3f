// Package shapes has one of each declaration form.
package shapes

import (
	"fmt"
	"strings"
)

const Pi = 3.14159

const (
	KindCircle = iota
	KindSquare
	label, other = "a", "b"
)

var DefaultName string = "shape"

var (
	registry = map[string]Shape{}
	count    int
)

// Shape is implemented by every shape.
type Shape interface {
	Area() float64
	Perimeter() (float64, error)
	fmt.Stringer
}

type Circle struct {
	Radius   float64 `json:"radius"`
	X, Y     int
	name     string // "not func a string() {}"
	*strings.Builder
}

type (
	Celsius float64
	Alias   = Circle
	List[T any] struct {
		items []T
	}
	Matrix [4][4]float64
)

func NewCircle(r float64) *Circle {
	local := "func fake() {}"
	_ = local
	return &Circle{Radius: r}
}

func (c *Circle) Area() float64 { return Pi * c.Radius * c.Radius }

func (c Circle) Perimeter() (float64, error) {
	return 2 * Pi * c.Radius, nil
}

func (l *List[T]) Push(item T) {
	l.items = append(l.items, item)
}

func Map[T, U any](
	items []T,
	f func(T) U,
) []U {
	/* func commented() {} */
	return nil
}

var raw = `func notReal() {
}`
