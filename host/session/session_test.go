package session_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/sdk"
)

// TestSession_initialCallFiresEachOnce: at Start every callback fires once,
// with an empty Triggered; a callback fed by another fires once, after the
// feeder's patch is applied, with the fed input as Triggered (rule 2).
func TestSession_initialCallFiresEachOnce(t *testing.T) {
	t.Parallel()
	f := newFake().
		on("a", relay("+a", "y.value")).
		on("b", relay("+b", "z.value")).
		on("solo", relay("+solo", "w.value"))
	var ch changes
	s := open(t, f, page([]sdk.Component{sel("x", "a"), sel("y"), sel("z"), sel("v", "c"), sel("w")},
		cb("a", []string{"x.value"}, []string{"y.value"}),
		cb("b", []string{"y.value"}, []string{"z.value"}),
		cb("solo", []string{"v.value"}, []string{"w.value"}),
	), session.Options{OnChange: ch.add})

	assert.Equal(t, 1, f.count("a"))
	assert.Equal(t, 1, f.count("b"))
	assert.Equal(t, 1, f.count("solo"))
	calls := f.calls()
	assert.Less(t, indexOf(calls, "a"), indexOf(calls, "b"), "b must wait for a")
	assert.Empty(t, f.requests("a")[0].Triggered)
	assert.Empty(t, f.requests("solo")[0].Triggered)
	assert.Equal(t, refs("y.value"), f.requests("b")[0].Triggered)
	assert.Equal(t, "a+a", f.requests("b")[0].Inputs[0].Value.Str(), "b reads a's applied output")
	assert.Equal(t, "a+a+b", value(t, s, 0, "z.value").Str())
	assert.Equal(t, testRef, f.requests("a")[0].Ref)

	require.Len(t, ch.of("a"), 1)
	assert.Equal(t, session.Change{Part: 0, Callback: "a", Outputs: refs("y.value")}, ch.of("a")[0])
	assert.Equal(t, 0, s.Busy())
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// TestSession_initialCallSkippedWhenPrevented: a PreventInitialCall callback
// does not fire at Start, only when an input changes.
func TestSession_initialCallSkippedWhenPrevented(t *testing.T) {
	t.Parallel()
	f := newFake().on("lazy", relay("!", "out.value"))
	c := cb("lazy", []string{"x.value"}, []string{"out.value"})
	c.PreventInitialCall = true
	s := open(t, f, page([]sdk.Component{sel("x", "a"), sel("out")}, c), session.Options{})
	assert.Zero(t, f.count("lazy"))

	set(t, s, 0, "x.value", sdk.StrValue("b"))
	wait(t, s)
	assert.Equal(t, 1, f.count("lazy"))
	assert.Equal(t, "b!", value(t, s, 0, "out.value").Str())
}

// TestSession_preventInitialCallStillFiresWhenChained: PreventInitialCall
// skips only the callback's own initial call; an upstream callback that
// writes its input at Start still fires it, as in Dash.
func TestSession_preventInitialCallStillFiresWhenChained(t *testing.T) {
	t.Parallel()
	f := newFake().on("a", relay("+a", "y.value")).on("b", relay("+b", "z.value"))
	b := cb("b", []string{"y.value"}, []string{"z.value"})
	b.PreventInitialCall = true
	s := open(t, f, page([]sdk.Component{sel("x", "a"), sel("y"), sel("z")},
		cb("a", []string{"x.value"}, []string{"y.value"}), b), session.Options{})
	assert.Equal(t, 1, f.count("b"))
	assert.Equal(t, "a+a+b", value(t, s, 0, "z.value").Str())
}

// TestSession_convergingChainFiresOnce: with A→B, A→C, B→D, C→D (or uneven
// paths), D fires exactly once, after every callback upstream of it (rule 3).
func TestSession_convergingChainFiresOnce(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		cbs []sdk.Callback
	}{
		"diamond": {cbs: []sdk.Callback{
			cb("A", []string{"x.value"}, []string{"a.value"}),
			cb("B", []string{"a.value"}, []string{"b.value"}),
			cb("C", []string{"a.value"}, []string{"c.value"}),
			cb("D", []string{"b.value", "c.value"}, []string{"d.value"}),
		}},
		"uneven paths": {cbs: []sdk.Callback{
			cb("A", []string{"x.value"}, []string{"a.value"}),
			cb("B", []string{"a.value"}, []string{"b.value"}),
			cb("C", []string{"a.value"}, []string{"e.value"}),
			cb("E", []string{"e.value"}, []string{"c.value"}),
			cb("D", []string{"b.value", "c.value"}, []string{"d.value"}),
		}},
		"declared backwards": {cbs: []sdk.Callback{
			cb("D", []string{"b.value", "c.value"}, []string{"d.value"}),
			cb("C", []string{"a.value"}, []string{"c.value"}),
			cb("B", []string{"a.value"}, []string{"b.value"}),
			cb("A", []string{"x.value"}, []string{"a.value"}),
		}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			// Each callback writes its inputs joined by "|" and its id, so
			// the result shows what every call read. B finishes while C is
			// still running, so a D fired by B alone would read C's old
			// output.
			outs := map[string]string{}
			for _, c := range tc.cbs {
				outs[c.ID] = c.Outputs[0].String()
			}
			gen := func(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
				var in []string
				for _, a := range req.Inputs {
					in = append(in, a.Value.Str())
				}
				return sdk.NewPatch().Set(ref(outs[req.ID]), sdk.StrValue(strings.Join(in, "|")+req.ID)), nil
			}
			bDone := make(chan struct{})
			f := newFake().on("A", gen).on("D", gen).on("E", gen).
				on("B", func(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
					defer func() {
						select {
						case bDone <- struct{}{}:
						case <-ctx.Done():
						}
					}()
					return gen(ctx, req)
				}).
				on("C", func(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
					select {
					case <-bDone:
					case <-ctx.Done():
						return nil, ctx.Err()
					}
					return gen(ctx, req)
				})
			comps := []sdk.Component{sel("x", "1"), sel("a"), sel("b"), sel("c"), sel("d"), sel("e")}
			s := open(t, f, page(comps, tc.cbs...), session.Options{})
			assert.Equal(t, 1, f.count("D"), "initial: D fires once")
			want := "1AB|1ACD"
			if name == "uneven paths" {
				want = "1AB|1ACED"
			}
			assert.Equal(t, want, value(t, s, 0, "d.value").Str())
			calls := f.calls()
			assert.Equal(t, "D", calls[len(calls)-1])

			set(t, s, 0, "x.value", sdk.StrValue("2"))
			wait(t, s)
			assert.Equal(t, 2, f.count("D"), "after a change: D fires once more")
			assert.Equal(t, strings.ReplaceAll(want, "1", "2"), value(t, s, 0, "d.value").Str())
			assert.ElementsMatch(t, refs("b.value", "c.value"), f.requests("D")[1].Triggered)
		})
	}
}

// TestSession_inputChangeFiresDependents: Set fires every callback with that
// input, naming it in Triggered; a change of a state-only property fires
// nothing but later calls see it (rule 4).
func TestSession_inputChangeFiresDependents(t *testing.T) {
	t.Parallel()
	f := newFake().
		on("one", relay("1", "o1.value")).
		on("two", relay("2", "o2.value")).
		on("other", relay("3", "o3.value"))
	withState := cb("two", []string{"x.value"}, []string{"o2.value"})
	withState.State = refs("st.value")
	s := open(t, f, page([]sdk.Component{sel("x", "a"), sel("y", "a"), sel("st", "s0"), sel("o1"), sel("o2"), sel("o3")},
		cb("one", []string{"x.value"}, []string{"o1.value"}),
		withState,
		cb("other", []string{"y.value"}, []string{"o3.value"}),
	), session.Options{})
	require.Equal(t, []int{1, 1, 1}, []int{f.count("one"), f.count("two"), f.count("other")})

	set(t, s, 0, "st.value", sdk.StrValue("s1"))
	wait(t, s)
	assert.Equal(t, []int{1, 1, 1}, []int{f.count("one"), f.count("two"), f.count("other")}, "state fires nothing")

	set(t, s, 0, "x.value", sdk.StrValue("b"))
	wait(t, s)
	assert.Equal(t, []int{2, 2, 1}, []int{f.count("one"), f.count("two"), f.count("other")})
	last := f.requests("two")[1]
	assert.Equal(t, refs("x.value"), last.Triggered)
	assert.Equal(t, "b", last.Value(ref("x.value")).Str())
	assert.Equal(t, "s1", last.Value(ref("st.value")).Str(), "the state change is passed on")
	assert.Equal(t, "b1", value(t, s, 0, "o1.value").Str())
}

// TestSession_setSameValueFiresNothing: setting a property to the value it
// has fires nothing, so a widget echoing a patch does not loop.
func TestSession_setSameValueFiresNothing(t *testing.T) {
	t.Parallel()
	f := newFake()
	s := open(t, f, page([]sdk.Component{sel("x", "a"), slot("out")},
		cb("a", []string{"x.value"}, []string{"out.children"})), session.Options{})
	set(t, s, 0, "x.value", sdk.StrValue("a"))
	wait(t, s)
	assert.Equal(t, 1, f.count("a"))
}

// TestSession_setRejectsBadInput: Set names what was wrong and changes nothing.
func TestSession_setRejectsBadInput(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		part int
		ref  string
		v    sdk.Value
		want string
	}{
		"no such part":      {part: 3, ref: "x.value", v: sdk.StrValue("b"), want: `no part 3 (the page has 1)`},
		"negative part":     {part: -1, ref: "x.value", v: sdk.StrValue("b"), want: `no part -1`},
		"no such component": {ref: "nope.value", v: sdk.StrValue("b"), want: `plugin "data"'s page has no component "nope"`},
		"no such property":  {ref: "x.n_clicks", v: sdk.IntValue(1), want: `has no property "n_clicks"`},
		"wrong value type":  {ref: "x.value", v: sdk.IntValue(3), want: `Select "x".value takes a string or a list of strings, not an integer`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := newFake()
			s := open(t, f, page([]sdk.Component{sel("x", "a"), slot("out")},
				cb("a", []string{"x.value"}, []string{"out.children"})), session.Options{})
			err := s.Set(t.Context(), tc.part, ref(tc.ref), tc.v)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			wait(t, s)
			assert.Equal(t, 1, f.count("a"))
			assert.Equal(t, "a", value(t, s, 0, "x.value").Str())
		})
	}
}

// TestSession_preventUpdateStopsChain: a PreventUpdate patch changes no
// output and fires nothing downstream (rule 5).
func TestSession_preventUpdateStopsChain(t *testing.T) {
	t.Parallel()
	f := newFake().
		on("a", func(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
			if req.Inputs[0].Value.Str() == "stop" {
				// Outputs next to PreventUpdate are ignored too.
				return sdk.PreventUpdate().Set(ref("y.value"), sdk.StrValue("ignored")), nil
			}
			return relay("+a", "y.value")(ctx, req)
		}).
		on("b", relay("+b", "z.value"))
	var ch changes
	s := open(t, f, page([]sdk.Component{sel("x", "go"), sel("y"), sel("z")},
		cb("a", []string{"x.value"}, []string{"y.value"}),
		cb("b", []string{"y.value"}, []string{"z.value"}),
	), session.Options{OnChange: ch.add})
	require.Equal(t, 1, f.count("b"))

	set(t, s, 0, "x.value", sdk.StrValue("stop"))
	wait(t, s)
	assert.Equal(t, 2, f.count("a"))
	assert.Equal(t, 1, f.count("b"), "nothing downstream fires")
	assert.Equal(t, "go+a", value(t, s, 0, "y.value").Str())
	assert.Equal(t, "go+a+b", value(t, s, 0, "z.value").Str())
	last := ch.of("a")[1]
	assert.Empty(t, last.Outputs)
	assert.NoError(t, last.Err)
}

// TestSession_unchangedOutputFiresNothing: a callback that writes a value
// its output already holds changes nothing, so the callbacks reading that
// output are not run again (as a Set of the same value fires nothing).
func TestSession_unchangedOutputFiresNothing(t *testing.T) {
	t.Parallel()
	f := newFake().
		on("a", func(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
			// The first letter only: "go" and "gone" both give "g".
			return sdk.NewPatch().Set(ref("y.value"), sdk.StrValue(req.Inputs[0].Value.Str()[:1])), nil
		}).
		on("b", relay("+b", "z.value"))
	s := open(t, f, page([]sdk.Component{sel("x", "go"), sel("y"), sel("z")},
		cb("a", []string{"x.value"}, []string{"y.value"}),
		cb("b", []string{"y.value"}, []string{"z.value"}),
	), session.Options{})
	require.Equal(t, 1, f.count("b"))

	set(t, s, 0, "x.value", sdk.StrValue("gone"))
	wait(t, s)
	assert.Equal(t, 2, f.count("a"))
	assert.Equal(t, 1, f.count("b"), "y is still g: b is not run again")

	set(t, s, 0, "x.value", sdk.StrValue("stop"))
	wait(t, s)
	assert.Equal(t, 2, f.count("b"), "y changed to s: b runs")
	assert.Equal(t, "s+b", value(t, s, 0, "z.value").Str())
}

// TestSession_stateWaitsForItsWriter: a callback whose state another queued
// callback writes waits for it, so it reads the fresh value (as Dash does),
// without being fired by it.
func TestSession_stateWaitsForItsWriter(t *testing.T) {
	t.Parallel()
	aStarted, release := make(chan struct{}, 1), make(chan struct{})
	f := newFake().
		on("A", func(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
			aStarted <- struct{}{}
			<-release
			return relay("A", "s.value")(ctx, req)
		}).
		on("B", relay("B", "out.value"))
	b := cb("B", []string{"y.value"}, []string{"out.value"})
	b.State = refs("s.value")
	s := session.New(testRef, []session.Part{{Plugin: "data", Caller: f,
		Page: page([]sdk.Component{sel("x", "1"), sel("y", "2"), sel("s", "old"), sel("out")},
			cb("A", []string{"x.value"}, []string{"s.value"}), b)}}, session.Options{})
	t.Cleanup(s.Close)
	s.Start(t.Context())
	recv(t, aStarted)
	assert.Zero(t, f.count("B"), "B waits while A runs")
	close(release)
	wait(t, s)
	require.Equal(t, 1, f.count("B"))
	req := f.requests("B")[0]
	assert.Equal(t, "1A", req.Value(ref("s.value")).Str())
	assert.Empty(t, req.Triggered)

	set(t, s, 0, "x.value", sdk.StrValue("3"))
	wait(t, s)
	assert.Equal(t, 1, f.count("B"), "a state change fires nothing")
}

// TestSession_noUpdateSkipsOneOutput: a NoUpdate output keeps its value and
// fires nothing, while the patch's other outputs apply and fire (rule 6).
func TestSession_noUpdateSkipsOneOutput(t *testing.T) {
	t.Parallel()
	f := newFake().
		on("a", func(_ context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
			v := req.Inputs[0].Value.Str()
			if v == "partial" {
				return sdk.NewPatch().Skip(ref("y.value")).Set(ref("z.value"), sdk.StrValue(v)), nil
			}
			return sdk.NewPatch().Set(ref("y.value"), sdk.StrValue(v)).Set(ref("z.value"), sdk.StrValue(v)), nil
		})
	var ch changes
	s := open(t, f, page([]sdk.Component{sel("x", "first"), sel("y"), sel("z"), slot("fromY"), slot("fromZ")},
		cb("a", []string{"x.value"}, []string{"y.value", "z.value"}),
		cb("onlyY", []string{"y.value"}, []string{"fromY.children"}),
		cb("onlyZ", []string{"z.value"}, []string{"fromZ.children"}),
	), session.Options{OnChange: ch.add})
	require.Equal(t, []int{1, 1}, []int{f.count("onlyY"), f.count("onlyZ")})

	set(t, s, 0, "x.value", sdk.StrValue("partial"))
	wait(t, s)
	assert.Equal(t, "first", value(t, s, 0, "y.value").Str())
	assert.Equal(t, "partial", value(t, s, 0, "z.value").Str())
	assert.Equal(t, 1, f.count("onlyY"), "the skipped output fires nothing")
	assert.Equal(t, 2, f.count("onlyZ"))
	assert.Equal(t, refs("z.value"), ch.of("a")[1].Outputs)
}

// TestSession_staleCallDiscarded: when an input changes again while the call
// fired by the earlier change runs, that call's ctx is cancelled and its
// late result discarded; only the newest result is applied (rule 7).
func TestSession_staleCallDiscarded(t *testing.T) {
	t.Parallel()
	started := make(chan struct{}, 1)
	cancelled := make(chan error, 1)
	release := make(chan struct{})
	returned := make(chan struct{})
	f := newFake().on("slow", func(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
		v := req.Inputs[0].Value.Str()
		if v == "old" {
			started <- struct{}{}
			<-ctx.Done()
			cancelled <- ctx.Err()
			<-release
			defer close(returned)
			// A plugin that ignores cancellation still answers.
			return sdk.NewPatch().Fill("out", &sdk.Text{Markdown: "old"}), nil
		}
		return sdk.NewPatch().Fill("out", &sdk.Text{Markdown: v}), nil
	})
	c := cb("slow", []string{"x.value"}, []string{"out.children"})
	c.PreventInitialCall = true
	var ch changes
	s := open(t, f, page([]sdk.Component{sel("x", "a"), slot("out")}, c), session.Options{OnChange: ch.add})

	set(t, s, 0, "x.value", sdk.StrValue("old"))
	recv(t, started)
	assert.Equal(t, 1, s.Busy())
	set(t, s, 0, "x.value", sdk.StrValue("new"))
	assert.ErrorIs(t, recv(t, cancelled), context.Canceled)
	wait(t, s)
	close(release)
	recv(t, returned)
	wait(t, s)

	kids := children(t, s, 0, "out")
	require.Len(t, kids, 1)
	assert.Equal(t, "new", kids[0].(*sdk.Text).Markdown)
	require.Len(t, ch.of("slow"), 1, "only the newest call reports a change")
	assert.NoError(t, ch.of("slow")[0].Err)
}

// TestSession_newComponentsFireTheirCallbacks: components a patch adds fire
// the callbacks that take them as inputs (not PreventInitialCall ones, and
// not the callback that added them), and their ids are live (rule 8).
func TestSession_newComponentsFireTheirCallbacks(t *testing.T) {
	t.Parallel()
	f := newFake().
		on("fill", func(_ context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
			v := sdk.IntValue(req.Inputs[0].Value.Int()).String()
			return sdk.NewPatch().Fill("holder", &sdk.Container{Children: []sdk.Component{sel("pick", "n"+v)}}), nil
		}).
		on("use", relay("!", "out.value")).
		on("self", func(context.Context, *sdk.CallbackRequest) (*sdk.Patch, error) {
			// An input inside the slot it fills must not refire it.
			return sdk.NewPatch().Fill("own", sel("inner", "b")), nil
		})
	lazy := cb("lazy", []string{"pick.value"}, []string{"lazyOut.value"})
	lazy.PreventInitialCall = true
	fill := cb("fill", []string{"btn.n_clicks"}, []string{"holder.children"})
	fill.PreventInitialCall = true
	s := open(t, f, page([]sdk.Component{
		&sdk.Button{ID: "btn"}, slot("holder", sel("pick", "first")), sel("out"), sel("lazyOut"), slot("own", sel("inner", "a")), sel("selfOut"),
	},
		fill,
		cb("use", []string{"pick.value"}, []string{"out.value"}),
		lazy,
		cb("self", []string{"inner.value"}, []string{"own.children", "selfOut.value"}),
	), session.Options{})
	require.Equal(t, 1, f.count("use"))
	require.Equal(t, 1, f.count("self"))
	assert.Equal(t, "first!", value(t, s, 0, "out.value").Str())

	set(t, s, 0, "btn.n_clicks", sdk.IntValue(1))
	wait(t, s)
	assert.Equal(t, 2, f.count("use"), "the new pick fires use")
	assert.Empty(t, f.requests("use")[1].Triggered, "like an initial call")
	assert.Equal(t, "n1!", value(t, s, 0, "out.value").Str())
	assert.Zero(t, f.count("lazy"))
	assert.Equal(t, 1, f.count("self"))

	// The new component is the live one: Set reaches it and fires both.
	set(t, s, 0, "pick.value", sdk.StrValue("c"))
	wait(t, s)
	assert.Equal(t, 3, f.count("use"))
	assert.Equal(t, 1, f.count("lazy"))
	assert.Equal(t, "c!", value(t, s, 0, "out.value").Str())

	// A patch that removes pick leaves use unfired, and Set on it fails.
	f.on("fill", func(context.Context, *sdk.CallbackRequest) (*sdk.Patch, error) {
		return sdk.NewPatch().Fill("holder"), nil
	})
	set(t, s, 0, "btn.n_clicks", sdk.IntValue(2))
	wait(t, s)
	assert.Error(t, s.Set(t.Context(), 0, ref("pick.value"), sdk.StrValue("a")))
	assert.Equal(t, 3, f.count("use"))
}

// TestSession_callbackFailureShowsNotice: a callback that fails, panics,
// times out or hangs fills its children outputs with an error Notice,
// leaves its other outputs, fires nothing downstream and reports the error
// to OnChange; the session never hangs (rule 9).
func TestSession_callbackFailureShowsNotice(t *testing.T) {
	t.Parallel()
	hung := make(chan struct{})
	t.Cleanup(func() { close(hung) })
	cases := map[string]struct {
		fail       handler
		wantDetail string
		timeout    bool
	}{
		"error": {
			fail: func(context.Context, *sdk.CallbackRequest) (*sdk.Patch, error) {
				return nil, errors.New("fetch data/features/61: not found")
			},
			wantDetail: "fetch data/features/61: not found",
		},
		"panic": {
			fail:       func(context.Context, *sdk.CallbackRequest) (*sdk.Patch, error) { panic("boom") },
			wantDetail: "panicked: boom",
		},
		"timeout": {
			fail: func(ctx context.Context, _ *sdk.CallbackRequest) (*sdk.Patch, error) {
				<-ctx.Done()
				return nil, ctx.Err()
			},
			wantDetail: `plugin "data" did not answer within 0.2 s`,
			timeout:    true,
		},
		"caller ignores its ctx": {
			fail: func(context.Context, *sdk.CallbackRequest) (*sdk.Patch, error) {
				<-hung
				return sdk.NewPatch(), nil
			},
			wantDetail: `plugin "data" did not answer within 0.2 s`,
			timeout:    true,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := newFake().on("dist", func(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
				if req.Inputs[0].Value.Str() == "bad" {
					return tc.fail(ctx, req)
				}
				return sdk.NewPatch().Fill("plot", &sdk.Text{Markdown: "ok"}).Set(ref("summary.value"), sdk.StrValue("ok")), nil
			})
			var ch changes
			s := open(t, f, page([]sdk.Component{sel("feature", "good"), slot("plot"), sel("summary"), slot("below"), slot("below2")},
				cb("dist", []string{"feature.value"}, []string{"plot.children", "summary.value"}),
				cb("down", []string{"plot.children"}, []string{"below.children"}),
				cb("down2", []string{"summary.value"}, []string{"below2.children"}),
			), session.Options{CallTimeout: 200 * time.Millisecond, OnChange: ch.add})
			require.Equal(t, 1, f.count("down"))

			set(t, s, 0, "feature.value", sdk.StrValue("bad"))
			wait(t, s)
			kids := children(t, s, 0, "plot")
			require.Len(t, kids, 1)
			n, ok := kids[0].(*sdk.Notice)
			require.True(t, ok, "plot holds %T, want a Notice", kids[0])
			assert.Equal(t, sdk.Error, n.Level)
			assert.Equal(t, `Callback "dist" failed`, n.Summary)
			assert.Contains(t, n.Detail, tc.wantDetail)
			assert.Equal(t, "ok", value(t, s, 0, "summary.value").Str(), "other outputs unchanged")
			assert.Equal(t, 1, f.count("down"), "dependents do not fire")
			assert.Equal(t, 1, f.count("down2"))

			got := ch.of("dist")
			require.Len(t, got, 2)
			require.Error(t, got[1].Err)
			assert.Contains(t, got[1].Err.Error(), tc.wantDetail)
			assert.Equal(t, refs("plot.children"), got[1].Outputs)
			assert.Equal(t, tc.timeout, errors.Is(got[1].Err, context.DeadlineExceeded))

			// The page keeps working after the failure.
			set(t, s, 0, "feature.value", sdk.StrValue("good"))
			wait(t, s)
			assert.Equal(t, "ok", children(t, s, 0, "plot")[0].(*sdk.Text).Markdown)
		})
	}
}

// TestSession_badPatchOutputsAreErrors: an output set with the wrong type,
// or not declared by the callback, is an error Change, not a panic; the
// patch's good outputs still apply and fire (rule 10).
func TestSession_badPatchOutputsAreErrors(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		patch *sdk.Patch
		want  string
	}{
		"children on a select's value": {
			patch: sdk.NewPatch().Set(ref("sel.value"), sdk.ChildrenValue(&sdk.Text{})),
			want:  `callback "cb" of plugin "data" set "sel.value": Select "sel".value takes a string or a list of strings, not a list of components`,
		},
		"text on a table's rows": {
			patch: sdk.NewPatch().Set(ref("tbl.selected_rows"), sdk.StrValue("1")),
			want:  `Table "tbl".selected_rows takes a list of row numbers, not a string`,
		},
		"undeclared output": {
			patch: sdk.NewPatch().Set(ref("other.value"), sdk.StrValue("x")),
			want:  `callback "cb" of plugin "data" set "other.value", which it does not declare as an output`,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := newFake().on("cb", func(context.Context, *sdk.CallbackRequest) (*sdk.Patch, error) {
				p := *tc.patch
				p.Outputs = append(p.Outputs, sdk.OutputValue{Ref: ref("good.value"), Value: sdk.StrValue("g")})
				return &p, nil
			})
			var ch changes
			s := open(t, f, page([]sdk.Component{sel("x", "a"), sel("sel", "keep"), &sdk.Table{ID: "tbl", SelectedRows: []int{2}}, sel("other", "keep"), sel("good"), sel("after")},
				cb("cb", []string{"x.value"}, []string{"sel.value", "tbl.selected_rows", "good.value"}),
				cb("next", []string{"good.value"}, []string{"after.value"}),
			), session.Options{OnChange: ch.add})
			got := ch.of("cb")
			require.Len(t, got, 1)
			require.Error(t, got[0].Err)
			assert.Contains(t, got[0].Err.Error(), tc.want)
			assert.Equal(t, refs("good.value"), got[0].Outputs)
			assert.Equal(t, "keep", value(t, s, 0, "sel.value").Str())
			assert.Equal(t, "keep", value(t, s, 0, "other.value").Str())
			assert.Equal(t, []int64{2}, value(t, s, 0, "tbl.selected_rows").Ints())
			assert.Equal(t, "g", value(t, s, 0, "good.value").Str())
			assert.Equal(t, 1, f.count("next"))
		})
	}
}

// TestSession_closeCancelsCalls: Close cancels running calls' contexts, makes
// Wait return, and leaves later calls harmless (rule 11).
func TestSession_closeCancelsCalls(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ ignoreCtx bool }{
		"caller honours ctx":     {},
		"caller ignores its ctx": {ignoreCtx: true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			started := make(chan struct{}, 1)
			sawCancel := make(chan error, 1)
			hung := make(chan struct{})
			t.Cleanup(func() { close(hung) })
			f := newFake().on("a", func(ctx context.Context, _ *sdk.CallbackRequest) (*sdk.Patch, error) {
				started <- struct{}{}
				if tc.ignoreCtx {
					<-hung
					return sdk.NewPatch().Fill("out", &sdk.Text{Markdown: "late"}), nil
				}
				<-ctx.Done()
				sawCancel <- ctx.Err()
				return sdk.NewPatch().Fill("out", &sdk.Text{Markdown: "late"}), nil
			})
			var ch changes
			s := session.New(testRef, []session.Part{{Plugin: "data", Caller: f,
				Page: page([]sdk.Component{sel("x", "a"), slot("out")}, cb("a", []string{"x.value"}, []string{"out.children"}))}},
				session.Options{OnChange: ch.add})
			s.Start(t.Context())
			recv(t, started)

			waited := make(chan error, 1)
			go func() { waited <- s.Wait(context.Background()) }()
			s.Close()
			assert.ErrorIs(t, recv(t, waited), session.ErrClosed)
			if !tc.ignoreCtx {
				assert.ErrorIs(t, recv(t, sawCancel), context.Canceled)
			}
			assert.Zero(t, s.Busy())
			assert.Empty(t, children(t, s, 0, "out"), "a result after Close is discarded")
			assert.Empty(t, ch.of("a"))

			s.Close()
			assert.ErrorIs(t, s.Set(t.Context(), 0, ref("x.value"), sdk.StrValue("b")), session.ErrClosed)
			assert.ErrorIs(t, s.Wait(t.Context()), session.ErrClosed)
			s.Start(t.Context())
			assert.Equal(t, 1, f.count("a"))
		})
	}
}

// TestSession_startContextEndsSession: cancelling Start's ctx closes the
// session like Close.
func TestSession_startContextEndsSession(t *testing.T) {
	t.Parallel()
	started := make(chan struct{}, 1)
	f := newFake().on("a", func(ctx context.Context, _ *sdk.CallbackRequest) (*sdk.Patch, error) {
		started <- struct{}{}
		<-ctx.Done()
		return nil, ctx.Err()
	})
	s := session.New(testRef, []session.Part{{Plugin: "data", Caller: f,
		Page: page([]sdk.Component{sel("x", "a"), slot("out")}, cb("a", []string{"x.value"}, []string{"out.children"}))}},
		session.Options{})
	t.Cleanup(s.Close)
	ctx, cancel := context.WithCancel(t.Context())
	s.Start(ctx)
	recv(t, started)
	cancel()
	assert.ErrorIs(t, s.Wait(t.Context()), session.ErrClosed)
}

// TestSession_partsAreIndependent: component ids are scoped per part, each
// part's callbacks go to its own Caller, and a part whose plugin failed
// shows one error tab while the others work.
func TestSession_partsAreIndependent(t *testing.T) {
	t.Parallel()
	core, extra := newFake().on("a", relay("core", "out.value")), newFake().on("a", relay("extra", "out.value"))
	mk := func() *sdk.Page {
		return page([]sdk.Component{sel("x", "a"), sel("out")}, cb("a", []string{"x.value"}, []string{"out.value"}))
	}
	s := session.New(testRef, []session.Part{
		{Plugin: "data", Page: mk(), Caller: core},
		{Plugin: "broken", Err: errors.New("layout d/61: plugin exited")},
		{Plugin: "extra", Page: mk(), Caller: extra},
	}, session.Options{})
	t.Cleanup(s.Close)
	s.Start(t.Context())
	wait(t, s)

	assert.Equal(t, "Dataset 61", s.Title())
	assert.Equal(t, testRef, s.Ref())
	assert.Empty(t, s.Problems())
	tabs := s.Tabs()
	require.Len(t, tabs, 3)
	assert.Equal(t, []int{0, 1, 2}, []int{tabs[0].Part, tabs[1].Part, tabs[2].Part})
	assert.Equal(t, "broken", tabs[1].Plugin)
	n, ok := tabs[1].Tab.Children[0].(*sdk.Notice)
	require.True(t, ok)
	assert.Equal(t, sdk.Error, n.Level)
	assert.Contains(t, n.Summary, `Plugin "broken"`)
	assert.Contains(t, n.Detail, "layout d/61: plugin exited")

	assert.Equal(t, "acore", value(t, s, 0, "out.value").Str())
	assert.Equal(t, "aextra", value(t, s, 2, "out.value").Str())
	set(t, s, 2, "x.value", sdk.StrValue("b"))
	wait(t, s)
	assert.Equal(t, 1, core.count("a"))
	assert.Equal(t, 2, extra.count("a"))
	assert.Equal(t, "acore", value(t, s, 0, "out.value").Str())
	assert.Equal(t, "bextra", value(t, s, 2, "out.value").Str())
	assert.Error(t, s.Set(t.Context(), 1, ref("x.value"), sdk.StrValue("b")))
}

// TestSession_titleFallsBackToRef: with no title from the first part, the
// window shows the entity's short form.
func TestSession_titleFallsBackToRef(t *testing.T) {
	t.Parallel()
	cases := map[string]session.Part{
		"failed part": {Plugin: "data", Err: errors.New("down")},
		"no title":    {Plugin: "data", Page: &sdk.Page{}},
		"nil page":    {Plugin: "data"},
	}
	for name, p := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := session.New(testRef, []session.Part{p}, session.Options{})
			t.Cleanup(s.Close)
			assert.Equal(t, "d/61", s.Title())
		})
	}
}

// TestSession_childrenArgumentsAreCopies: a callback taking children as
// state gets copies (component.Clone), so the plugin call never shares
// live components' values.
func TestSession_childrenArgumentsAreCopies(t *testing.T) {
	t.Parallel()
	taskRef := sdk.EntityRef{Server: sdk.DefaultServer, Kind: sdk.KindTask, ID: 59}
	every := []sdk.Component{
		&sdk.Heading{ID: "h", Text: "Features", Level: 2},
		&sdk.Text{ID: "t", Markdown: "*x*"},
		&sdk.Notice{ID: "n", Level: sdk.Warning, Summary: "s", Detail: "d"},
		&sdk.Table{ID: "tbl", Columns: []sdk.Column{{ID: "c", Title: "C", Type: sdk.CellNumber}},
			Rows: []sdk.Row{{Cells: []sdk.Cell{sdk.NumberCell(1).Styled(2)}, Emphasis: true}}, Selection: sdk.SelectMulti, SelectedRows: []int{0}},
		&sdk.Chart{ID: "ch", Kind: sdk.ChartScatter, X: sdk.Axis{Title: "x", Categories: []string{"a"}}, Y: sdk.Axis{Log: true, Categories: []string{"b"}},
			Series: []sdk.Series{{Name: "s", X: []float64{1}, Y: []float64{2}, Labels: []string{"p"}, Links: []sdk.EntityRef{taskRef}, Z: []float64{3}}}},
		&sdk.Container{ID: "box", Direction: sdk.GridDirection, GridColumns: 2, Children: []sdk.Component{
			&sdk.Radio{ID: "r", Options: sdk.Options("a", "b"), Value: "a"},
			&sdk.Checklist{ID: "cl", Options: sdk.Options("a"), Values: []string{"a"}},
			&sdk.Button{ID: "btn", Label: "Go", NClicks: 3},
			&sdk.Link{ID: "l", Text: "task 59", Ref: taskRef},
			slot("inner", sel("deep", "a")),
		}},
	}
	got := make(chan []sdk.Component, 1)
	f := newFake().on("a", func(_ context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
		got <- req.Value(ref("holder.children")).Children()
		return sdk.PreventUpdate(), nil
	})
	c := cb("a", []string{"x.value"}, []string{"out.value"})
	c.State = refs("holder.children")
	s := open(t, f, page([]sdk.Component{sel("x"), sel("out"), slot("holder", every...)}, c), session.Options{})
	copies := recv(t, got)
	s.Read(func() {
		assert.Equal(t, every, copies)
		var live, copied []sdk.Component
		sdk.Walk(every, func(c sdk.Component) bool { live = append(live, c); return true })
		sdk.Walk(copies, func(c sdk.Component) bool { copied = append(copied, c); return true })
		require.Len(t, copied, len(live))
		for i := range live {
			assert.NotSame(t, live[i], copied[i], "%s is shared", live[i].ComponentID())
		}
	})
	// Values and selections are copied; rows and series, read-only once a
	// page is built, are shared (component.Clone).
	copies[5].(*sdk.Container).Children[4].(*sdk.Slot).Children[0].(*sdk.Select).Values[0] = "changed"
	copies[3].(*sdk.Table).SelectedRows[0] = 7
	assert.Equal(t, "a", value(t, s, 0, "deep.value").Str())
	s.Read(func() { assert.Equal(t, []int{0}, every[3].(*sdk.Table).SelectedRows) })
}

// TestSession_nilCallerIsAnError: a part with callbacks but no Caller shows
// the failure instead of crashing.
func TestSession_nilCallerIsAnError(t *testing.T) {
	t.Parallel()
	var ch changes
	s := session.New(testRef, []session.Part{{Plugin: "data",
		Page: page([]sdk.Component{sel("x", "a"), slot("out")}, cb("a", []string{"x.value"}, []string{"out.children"}))}},
		session.Options{OnChange: ch.add})
	t.Cleanup(s.Close)
	s.Start(t.Context())
	wait(t, s)
	require.Len(t, ch.of("a"), 1)
	assert.ErrorContains(t, ch.of("a")[0].Err, "no connection")
	n, ok := children(t, s, 0, "out")[0].(*sdk.Notice)
	require.True(t, ok)
	assert.Equal(t, `Callback "a" failed`, n.Summary)
}

// TestSession_patchOutputsOfRemovedComponents: after a patch removed a
// component, a later patch writing it is an error Change naming it, while
// the outputs still on the page apply.
func TestSession_patchOutputsOfRemovedComponents(t *testing.T) {
	t.Parallel()
	f := newFake().
		on("clear", func(context.Context, *sdk.CallbackRequest) (*sdk.Patch, error) {
			return sdk.NewPatch().Fill("holder"), nil
		}).
		on("b", relay("!", "inner.value", "top.value"))
	clearer := cb("clear", []string{"btn.n_clicks"}, []string{"holder.children"})
	clearer.PreventInitialCall = true
	var ch changes
	s := open(t, f, page([]sdk.Component{&sdk.Button{ID: "btn"}, slot("holder", sel("inner")), sel("top"), sel("x", "a")},
		clearer, cb("b", []string{"x.value"}, []string{"inner.value", "top.value"})), session.Options{OnChange: ch.add})
	set(t, s, 0, "btn.n_clicks", sdk.IntValue(1))
	wait(t, s)
	set(t, s, 0, "x.value", sdk.StrValue("b"))
	wait(t, s)

	got := ch.of("b")
	require.Len(t, got, 2)
	assert.ErrorContains(t, got[1].Err, `callback "b" of plugin "data" set "inner.value", but no component "inner" is on the page now`)
	assert.Equal(t, refs("top.value"), got[1].Outputs)
	assert.Equal(t, "b!", value(t, s, 0, "top.value").Str())
}

// TestSession_patchRepeatingAnIdIsReported: new children that reuse an id
// already on the page are applied, the first component keeps the id, and
// the Change says so.
func TestSession_patchRepeatingAnIdIsReported(t *testing.T) {
	t.Parallel()
	f := newFake().on("fill", func(context.Context, *sdk.CallbackRequest) (*sdk.Patch, error) {
		return sdk.NewPatch().Fill("holder", sel("x", "dup")), nil
	})
	var ch changes
	s := open(t, f, page([]sdk.Component{sel("x", "a"), slot("holder")},
		cb("fill", []string{"x.value"}, []string{"holder.children"})), session.Options{OnChange: ch.add})
	got := ch.of("fill")
	require.Len(t, got, 1)
	assert.ErrorContains(t, got[0].Err, `component ids ["x"] are now used more than once`)
	assert.Equal(t, refs("holder.children"), got[0].Outputs)
	assert.Len(t, children(t, s, 0, "holder"), 1)
	assert.Equal(t, 1, f.count("fill"), "the duplicate does not refire")
	set(t, s, 0, "x.value", sdk.StrValue("b"))
	wait(t, s)
	assert.Equal(t, 2, f.count("fill"))
}

// TabBusy tells the tab a slow callback writes into from the tabs it
// leaves alone, and clears when the call ends.
func TestTabBusy(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	f := newFake().on("slow", func(ctx context.Context, _ *sdk.CallbackRequest) (*sdk.Patch, error) {
		started <- struct{}{}
		<-release
		return sdk.NewPatch().Fill("late", &sdk.Text{Markdown: "done"}), nil
	}).on("quick", setTo("copy.value", sdk.StrValue("b")))
	pg := &sdk.Page{
		Title: "Dataset 61",
		Tabs: []sdk.Tab{
			{ID: "first", Title: "First", Children: []sdk.Component{sel("x", "a"), sel("copy")}},
			{ID: "second", Title: "Second", Children: []sdk.Component{&sdk.Container{Children: []sdk.Component{slot("late")}}}},
		},
		Callbacks: []sdk.Callback{cb("slow", []string{"x.value"}, []string{"late.children"}), cb("quick", []string{"x.value"}, []string{"copy.value"})},
	}
	s := session.New(testRef, []session.Part{{Plugin: "data", Page: pg, Caller: f}}, session.Options{})
	t.Cleanup(s.Close)
	s.Start(t.Context())
	recv(t, started)
	assert.True(t, s.TabBusy(1), "the slow callback fills a slot nested in the second tab")
	assert.Eventually(t, func() bool { return !s.TabBusy(0) }, guard, time.Millisecond, "the first tab's callback finished")
	assert.False(t, s.TabBusy(2), "no such tab")
	assert.False(t, s.TabBusy(-1), "no such tab")
	close(release)
	wait(t, s)
	assert.False(t, s.TabBusy(1))
}

// TestSession_pendingPartArrives: a part whose page comes late keeps its
// place: its tabs go between those of the parts before and after it, its
// callbacks start when it arrives, OnChange hears of the arrival, and
// Wait waits for it.
func TestSession_pendingPartArrives(t *testing.T) {
	t.Parallel()
	core, late := newFake().on("a", relay("core", "out.value")), newFake().on("a", relay("late", "out.value"))
	mk := func() *sdk.Page {
		return page([]sdk.Component{sel("x", "a"), sel("out")}, cb("a", []string{"x.value"}, []string{"out.value"}))
	}
	var seen changes
	s := session.New(testRef, []session.Part{
		{Plugin: "data", Page: mk(), Caller: core},
		{Plugin: "late", Caller: late, Pending: true},
		{Plugin: "extra", Page: &sdk.Page{Tabs: []sdk.Tab{{ID: "extra", Title: "Extra"}}}},
	}, session.Options{OnChange: seen.add})
	t.Cleanup(s.Close)
	s.Start(t.Context())
	assert.Equal(t, 1, s.Pending())
	require.Len(t, s.Tabs(), 2, "the pending part has no tab yet")

	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	require.ErrorIs(t, s.Wait(ctx), context.DeadlineExceeded, "Wait waits for the pending part")
	assert.Zero(t, late.count("a"))

	lp := mk()
	lp.Notice = &sdk.Notice{Level: sdk.Warning, Summary: "late notice"}
	lp.Tabs = append(lp.Tabs, sdk.Tab{ID: "second", Title: "Second"})
	require.NoError(t, s.Arrive(1, lp, nil))
	wait(t, s)
	assert.Zero(t, s.Pending())
	var order []string
	for _, tab := range s.Tabs() {
		order = append(order, fmt.Sprintf("%d:%s", tab.Part, tab.Tab.ID))
	}
	assert.Equal(t, []string{"0:main", "1:main", "1:second", "2:extra"}, order)
	assert.Equal(t, "alate", value(t, s, 1, "out.value").Str(), "its initial callback ran")
	require.Len(t, s.Notices(), 1)
	assert.Equal(t, "late notice", s.Notices()[0].Summary)
	assert.True(t, slices.ContainsFunc(seen.of(""), func(c session.Change) bool { return c.Arrived && c.Part == 1 }),
		"OnChange heard of the arrival before Wait returned")
	assert.Error(t, s.Arrive(1, mk(), nil), "a part arrives once")
	assert.Error(t, s.Arrive(5, mk(), nil))
}

// TestSession_pendingPartFailsOrIsGivenUp: a late part whose plugin
// failed shows the error tab a failed part shows; Abandon gives up on a
// part still pending the same way; Close ends the wait for it.
func TestSession_pendingPartFailsOrIsGivenUp(t *testing.T) {
	t.Parallel()
	parts := func() []session.Part {
		return []session.Part{{Plugin: "data", Page: &sdk.Page{Title: "T"}}, {Plugin: "late", Pending: true}}
	}
	errorTab := func(t *testing.T, s *session.Session, detail string) {
		tabs := s.Tabs()
		require.Len(t, tabs, 1)
		n, ok := tabs[0].Tab.Children[0].(*sdk.Notice)
		require.True(t, ok)
		assert.Equal(t, `Plugin "late" could not build its part of this page`, n.Summary)
		assert.Contains(t, n.Detail, detail)
	}

	failed := session.New(testRef, parts(), session.Options{})
	t.Cleanup(failed.Close)
	failed.Start(t.Context())
	require.NoError(t, failed.Arrive(1, nil, errors.New("plugin exited")))
	wait(t, failed)
	errorTab(t, failed, "plugin exited")

	given := session.New(testRef, parts(), session.Options{})
	t.Cleanup(given.Close)
	given.Start(t.Context())
	given.Abandon(fmt.Errorf("page not finished after 1s: %w", context.DeadlineExceeded))
	wait(t, given)
	errorTab(t, given, "page not finished after 1s")
	assert.Error(t, given.Arrive(1, &sdk.Page{}, nil), "too late: the part was given up")

	closed := session.New(testRef, parts(), session.Options{})
	closed.Start(t.Context())
	closed.Close()
	assert.ErrorIs(t, closed.Wait(t.Context()), session.ErrClosed)
	assert.NoError(t, closed.Arrive(1, &sdk.Page{}, nil), "an arrival after Close is dropped")
	assert.Zero(t, closed.Pending())
}

// TestSettled: a tab is settled when nothing running or queued can write
// into it, directly, through a chain of callbacks, or through components
// a children output creates; a tab such a callback reaches is not.
func TestSettled(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	started := make(chan string, 8)
	slow := func(out sdk.Patch) handler {
		return func(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
			started <- req.ID
			select {
			case <-release:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			return &out, nil
		}
	}
	made := sdk.NewPatch().Fill("slot", sel("made", "m"))
	f := newFake().
		on("fast", setTo("a.value", sdk.StrValue("done"))).
		on("value", slow(*sdk.NewPatch().Set(ref("x.value"), sdk.StrValue("x2")))).
		on("children", slow(*made))
	pg := &sdk.Page{Title: "T", Tabs: []sdk.Tab{
		{ID: "quick", Children: []sdk.Component{sel("a"), sel("go", "g")}},                    // 0: fast only
		{ID: "chain-src", Children: []sdk.Component{sel("x")}},                                // 1: value writes x
		{ID: "chain-end", Children: []sdk.Component{sel("y")}},                                // 2: x -> y
		{ID: "slot", Children: []sdk.Component{slot("slot", sel("made"))}},                    // 3: children refills it
		{ID: "made-end", Children: []sdk.Component{sel("z")}},                                 // 4: made -> z
		{ID: "untouched", Children: []sdk.Component{&sdk.Text{ID: "t", Markdown: "nothing"}}}, // 5
		{ID: "click-end", Children: []sdk.Component{sel("w")}},                                // 6: made -> w, on a change only
	}, Callbacks: []sdk.Callback{
		cb("fast", []string{"go.value"}, []string{"a.value"}),
		cb("value", []string{"go.value"}, []string{"x.value"}),
		{ID: "follow", Inputs: refs("x.value"), Outputs: refs("y.value"), PreventInitialCall: true},
		cb("children", []string{"go.value"}, []string{"slot.children"}),
		// A new "made" fires this one, so tab 4 waits for the refill.
		cb("made", []string{"made.value"}, []string{"z.value"}),
		// New components do not fire a PreventInitialCall callback (as a
		// click callback on a chart that a slow callback will redraw), so
		// tab 6 need not wait.
		{ID: "click", Inputs: refs("made.value"), Outputs: refs("w.value"), PreventInitialCall: true},
	}}
	s := session.New(testRef, []session.Part{{Plugin: "data", Page: pg, Caller: f}}, session.Options{})
	t.Cleanup(s.Close)
	require.Empty(t, s.Problems())
	s.Start(t.Context())
	recv(t, started) // the other slow one runs or waits its turn: busy either way
	require.Eventually(t, func() bool { return value(t, s, 0, "a.value").Str() == "done" }, guard, time.Millisecond)
	want := []bool{true, false, false, false, false, true, true}
	for i, w := range want {
		assert.Equal(t, w, s.Settled(i), "tab %d (%s) while value and children run", i, s.Tabs()[i].Tab.ID)
	}
	close(release)
	wait(t, s)
	for i := range want {
		assert.True(t, s.Settled(i), "tab %d once all is done", i)
	}
	assert.Equal(t, 2, f.count("made"), "at the start and for the new component")
	assert.Zero(t, f.count("click"), "neither at the start nor for the new component")
	assert.False(t, s.Settled(len(want)), "no such tab")

	late := session.New(testRef, []session.Part{{Plugin: "data", Page: page(nil)}, {Plugin: "late", Pending: true}}, session.Options{})
	t.Cleanup(late.Close)
	assert.False(t, late.Settled(0), "a pending part may still put tabs before it")
}
