package sizes

// Sizer is satisfied by method sets alone: Box and Ball here, Plate in geo/.
type Sizer interface {
	Size() int
}

type Namer interface {
	Sizer
	Name() string
}

// secret names a method no other package can have.
type secret interface {
	hidden() int
}

type Box struct{}

func (b Box) Size() int { return 1 }

type Ball struct{}

func (b *Ball) Size() int    { return 2 }
func (b *Ball) Name() string { return "ball" }
func (b *Ball) hidden() int  { return 0 }
