package session

import (
	"github.com/openml-dash/openml-dash/internal/component"
	"github.com/openml-dash/openml-dash/sdk"
)

// snapshot makes a value safe to hand to a plugin call running without the
// session's lock: component lists are copied (component.Clone), since
// patches may change the live components meanwhile. Other values are
// immutable.
func snapshot(v sdk.Value) sdk.Value {
	cs, ok := v.Raw().([]sdk.Component)
	if !ok {
		return v
	}
	return sdk.ChildrenValue(component.CloneAll(cs)...)
}
