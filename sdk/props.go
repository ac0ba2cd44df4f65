package sdk

// Children returns the components directly inside c.
func Children(c Component) []Component {
	switch c := c.(type) {
	case *Container:
		return c.Children
	case *Slot:
		return c.Children
	}
	return nil
}

// Walk calls fn for each component in cs and inside them, depth first,
// parents before children; fn returning false skips a component's children.
func Walk(cs []Component, fn func(Component) bool) {
	for _, c := range cs {
		if c == nil {
			continue
		}
		if fn(c) {
			Walk(Children(c), fn)
		}
	}
}
