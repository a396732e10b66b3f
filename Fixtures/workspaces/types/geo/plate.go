package geo

type Plate []int

func (p Plate) Size() int   { return len(p) }
func (p Plate) hidden() int { return 1 }
