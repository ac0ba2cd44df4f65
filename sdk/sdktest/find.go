package sdktest

import (
	"testing"

	"github.com/openml-dash/openml-dash/sdk"
)

// Find returns the component of type T with the given id in cs or inside
// them, and fails the test when there is none.
func Find[T sdk.Component](t testing.TB, cs []sdk.Component, id string) T {
	t.Helper()
	var found T
	ok := false
	sdk.Walk(cs, func(c sdk.Component) bool {
		if x, is := c.(T); is && !ok && c.ComponentID() == id {
			found, ok = x, true
		}
		return !ok
	})
	if !ok {
		t.Fatalf("no %T with id %q", found, id)
	}
	return found
}

// All lists the components of type T in cs and inside them, depth first.
func All[T sdk.Component](cs []sdk.Component) []T {
	var out []T
	sdk.Walk(cs, func(c sdk.Component) bool {
		if x, ok := c.(T); ok {
			out = append(out, x)
		}
		return true
	})
	return out
}

// TabChildren returns the components of the page's tab with the given id,
// and fails the test when there is none.
func TabChildren(t testing.TB, p *sdk.Page, id string) []sdk.Component {
	t.Helper()
	for _, tb := range p.Tabs {
		if tb.ID == id {
			return tb.Children
		}
	}
	t.Fatalf("no tab %q in the page", id)
	return nil
}
