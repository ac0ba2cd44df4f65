package session_test

import (
	"bytes"
	"context"
	"errors"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openml-dash/openml-dash/host/session"
	"github.com/openml-dash/openml-dash/sdk"
)

// A fuzz input is a small script of what a plugin sends the host: its page
// and the patches its callbacks answer. Every byte string is a script.
//
//	layout '#' callbacks '$' patches
//
// layout: '(' id dir opens a Container, '[' id a Slot, ')' or ']' closes
// one, '|' starts a tab; any other byte adds a leaf component (S select,
// R radio, C checklist, B button, T table, G chart, L link, x text, N
// notice, H heading; other bytes pick one) followed by its id byte.
// callbacks: id flags, then the refs the flags count (inputs: bits 1-2,
// state: bit 3, outputs: bits 4-5), each an id byte and a property byte;
// bit 0 is PreventInitialCall.
// patches: what each callback answers, see fuzzCaller.
//
// Id bytes 'a' to 'f' are those letters, others one of them or none, so
// that ids collide; property bytes v, r, n, c, d are value,
// selected_rows, n_clicks, children and disabled.

type fuzzScript struct {
	b []byte
	i int
}

func (s *fuzzScript) more() bool { return s.i < len(s.b) }

func (s *fuzzScript) next() byte {
	if s.i >= len(s.b) {
		return 0
	}
	s.i++
	return s.b[s.i-1]
}

func fuzzID(b byte) string {
	if b >= 'a' && b <= 'f' {
		return string(b)
	}
	return [...]string{"", "a", "b", "c", "d", "e", "f"}[b%7]
}

func fuzzProp(b byte) string {
	switch b {
	case 'v':
		return sdk.PropValue
	case 'r':
		return sdk.PropSelectedRows
	case 'n':
		return sdk.PropNClicks
	case 'c':
		return sdk.PropChildren
	case 'd':
		return "disabled"
	}
	return [...]string{sdk.PropValue, sdk.PropSelectedRows, sdk.PropNClicks, sdk.PropChildren, "bogus"}[b%5]
}

// leaf builds the leaf component op stands for, with hostile sizes.
func (s *fuzzScript) leaf(op byte) sdk.Component {
	id := fuzzID(s.next())
	const kinds = "SRCBTGLxNH"
	if !strings.ContainsRune(kinds, rune(op)) {
		op = kinds[op%byte(len(kinds))]
	}
	switch op {
	case 'S':
		return &sdk.Select{ID: id, Options: sdk.Options("a", "b"), Multi: id == "b", Values: []string{"a", "z"}}
	case 'R':
		return &sdk.Radio{ID: id, Options: sdk.Options("a"), Value: "q"}
	case 'C':
		return &sdk.Checklist{ID: id, Values: []string{"", ""}}
	case 'B':
		return &sdk.Button{ID: id, NClicks: -1 << 63}
	case 'T':
		return &sdk.Table{ID: id, Columns: []sdk.Column{{Type: sdk.CellType(200)}}, Rows: []sdk.Row{{}, {Cells: []sdk.Cell{sdk.TextCell("x"), sdk.TextCell("y")}}},
			Selection: sdk.Selection(9), SelectedRows: []int{-5, 1 << 40, 1}}
	case 'G':
		return &sdk.Chart{ID: id, Kind: sdk.ChartKind(250), Height: -1, Series: []sdk.Series{{X: []float64{1}, Y: []float64{1, 2}}}}
	case 'L':
		return &sdk.Link{ID: id, Ref: sdk.EntityRef{Kind: sdk.Kind(99), ID: -1}}
	case 'x':
		return &sdk.Text{ID: id, Markdown: "*"}
	case 'N':
		return &sdk.Notice{ID: id, Level: sdk.NoticeLevel(7)}
	}
	return &sdk.Heading{ID: id, Level: -3}
}

// layout reads components up to stop (or the end) into tabs.
func (s *fuzzScript) layout(stop byte) []sdk.Tab {
	tabs := []sdk.Tab{{ID: "t0"}}
	type open struct {
		c    sdk.Component
		kids *[]sdk.Component
	}
	var stack []open
	add := func(c sdk.Component) {
		if len(stack) == 0 {
			tabs[len(tabs)-1].Children = append(tabs[len(tabs)-1].Children, c)
		} else {
			k := stack[len(stack)-1].kids
			*k = append(*k, c)
		}
	}
	for s.more() {
		op := s.next()
		switch op {
		case stop:
			return tabs
		case '|':
			tabs = append(tabs, sdk.Tab{ID: "t" + string(rune('0'+len(tabs)%10))})
			stack = nil
		case '(':
			c := &sdk.Container{ID: fuzzID(s.next())}
			d := s.next()
			c.Direction, c.GridColumns = sdk.Direction(d%4), int(int8(d))
			add(c)
			stack = append(stack, open{c, &c.Children})
		case '[':
			c := &sdk.Slot{ID: fuzzID(s.next())}
			add(c)
			stack = append(stack, open{c, &c.Children})
		case ')', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		default:
			add(s.leaf(op))
		}
	}
	return tabs
}

func (s *fuzzScript) refs(n int) []sdk.PropRef {
	var out []sdk.PropRef
	for range n {
		out = append(out, sdk.PropRef{ComponentID: fuzzID(s.next()), Property: fuzzProp(s.next())})
	}
	return out
}

// page reads a layout and callbacks; the rest of the script is patches.
func (s *fuzzScript) page() *sdk.Page {
	p := &sdk.Page{Title: "fuzz", Tabs: s.layout('#')}
	for s.more() {
		id := s.next()
		if id == '$' {
			break
		}
		f := s.next()
		cb := sdk.Callback{ID: string(rune(id)), PreventInitialCall: f&1 != 0}
		if id == 0 {
			cb.ID = ""
		}
		cb.Inputs = s.refs(int(f>>1) & 3)
		cb.State = s.refs(int(f>>3) & 1)
		cb.Outputs = s.refs(int(f>>4) & 3)
		p.Callbacks = append(p.Callbacks, cb)
	}
	return p
}

// fuzzMaxCalls bounds the calls of one input: a plugin may make its
// callbacks fire each other forever through added components, as in Dash.
const fuzzMaxCalls = 100

// fuzzCaller answers each callback with its own piece of the patch
// script (the i-th callback's, the pieces separated by '$'), read from the
// start on each call, so that a script gives the same answers in any order.
type fuzzCaller struct {
	patches map[string][]byte
	mu      sync.Mutex
	calls   int
}

func newFuzzCaller(page *sdk.Page, script []byte) *fuzzCaller {
	c := &fuzzCaller{patches: map[string][]byte{}}
	pieces := bytes.Split(script, []byte("$"))
	for i, cb := range page.Callbacks {
		if _, ok := c.patches[cb.ID]; !ok && i < len(pieces) {
			c.patches[cb.ID] = pieces[i]
		}
	}
	return c
}

// Callback writes up to four outputs, each an id byte, a property byte
// and what to write (op % 9 below).
func (c *fuzzCaller) Callback(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	c.mu.Lock()
	c.calls++
	n := c.calls
	c.mu.Unlock()
	if n > fuzzMaxCalls {
		return sdk.PreventUpdate(), nil
	}
	for _, in := range append(req.Inputs, req.State...) {
		_ = in.Value.String()
	}
	s := &fuzzScript{b: c.patches[req.ID]}
	if !s.more() {
		return nil, nil
	}
	p := sdk.NewPatch()
	for range 4 {
		if !s.more() {
			break
		}
		out := sdk.PropRef{ComponentID: fuzzID(s.next()), Property: fuzzProp(s.next())}
		switch op := s.next(); op % 9 {
		case 0:
			p.Set(out, sdk.StrValue("b"))
		case 1:
			p.Set(out, sdk.StrsValue([]string{"a", "b"}))
		case 2:
			p.Set(out, sdk.IntsValue([]int64{-1, 1 << 62}))
		case 3:
			p.Set(out, sdk.IntValue(int64(op)))
		case 4:
			var kids []sdk.Component
			for _, t := range s.layout(';') {
				kids = append(kids, t.Children...)
			}
			p.Set(out, sdk.ChildrenValue(kids...))
		case 5:
			p.Skip(out)
		case 6:
			return nil, errors.New("the plugin failed")
		case 7:
			return sdk.PreventUpdate(), nil
		case 8:
			p.Set(out, sdk.None)
		}
	}
	return p, nil
}

// FuzzSession builds a page and its callbacks' answers from a script and
// runs them through the session, as if a plugin sent them: two parts with
// the same ids and a failed part. New must validate any page without a
// panic; the session must settle with every call answered, whatever the
// patches write (undeclared outputs, wrong types, duplicate ids, nested
// children), and take the user's changes after.
func FuzzSession(f *testing.F) {
	for _, s := range []string{
		"Sa[b]#k\x12avbc$",                                             // select a -> slot b, answered with its children
		"Sa[b]#k\x12avbc$bc\x04Sc(d\x02Tx);",                           // ... children that add a select c
		"Sa[b]Sc#k\x12avbck\x12cvbc$",                                  // one callback id twice, one output twice
		"Sa[b]Sc#k\x12avcvm\x12cvav$",                                  // a cycle
		"Sa(b\x02Sa)[c]#k\x12avcc$",                                    // a duplicate id
		"Ta|Bb[c]Gd#k\x1earbnccdvp\x13cdzz\x00\x00$cc\x04Ld[e]Ne;$$",   // every property, an empty callback id
		"[dSa][bSc]#k\x12avbcm\x12cvdc$bc\x04Sc;$dc\x04Sa;",            // callbacks fire each other through added children
		"Sa[b]#k\x12avbq$av\x00bc\x02bz\x06",                           // wrong types and an undeclared output
		"Ba[b]#k\x13anbc$bc\x06",                                       // PreventInitialCall; the plugin fails
		"Sa[b]#k\x12avbc$bc\x04" + strings.Repeat("(a\x00", 300) + ";", // deep children from a patch
		strings.Repeat("(a\x00", 2000) + "Sa#k\x12avav$",               // a deep page
		"", "#", "$", "|||", "]])))", "#\x00\xff",
	} {
		f.Add([]byte(s))
	}
	// Sizes no small input reaches: a chain of 30,000 callbacks would need
	// 30,000² bits to order; the page is refused instead.
	var before, after runtime.MemStats
	chain := &sdk.Page{Tabs: []sdk.Tab{{ID: "t"}}}
	for i := range 30001 {
		id := strconv.Itoa(i)
		chain.Tabs[0].Children = append(chain.Tabs[0].Children, &sdk.Select{ID: id})
		if i > 0 {
			chain.Callbacks = append(chain.Callbacks, sdk.Callback{ID: id, Inputs: []sdk.PropRef{{ComponentID: strconv.Itoa(i - 1), Property: sdk.PropValue}},
				Outputs: []sdk.PropRef{{ComponentID: id, Property: sdk.PropValue}}})
		}
	}
	runtime.ReadMemStats(&before)
	big := session.New(testRef, []session.Part{{Plugin: "big", Page: chain, Caller: newFake()}}, session.Options{})
	runtime.ReadMemStats(&after)
	big.Close()
	if n := after.TotalAlloc - before.TotalAlloc; n > 64<<20 || len(big.Problems()) == 0 {
		f.Fatalf("a page of 30,000 callbacks allocated %d MiB, problems %v", n>>20, big.Problems())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		parts := make([]session.Part, 3)
		for i := range 2 {
			s := &fuzzScript{b: data}
			page := s.page()
			parts[i] = session.Part{Plugin: "p" + string(rune('0'+i)), Page: page, Caller: newFuzzCaller(page, s.b[s.i:])}
		}
		parts[2] = session.Part{Plugin: "failed", Err: errors.New("it crashed")}
		sess := session.New(testRef, parts, session.Options{CallTimeout: 5 * time.Second})
		defer sess.Close()
		for _, p := range sess.Problems() {
			var prob *session.Problem
			if !errors.As(p, &prob) || prob.Msg == "" {
				t.Fatalf("problem %v is not a *session.Problem with a message", p)
			}
		}
		ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
		defer cancel()
		sess.Start(ctx)
		if err := sess.Wait(ctx); err != nil {
			t.Fatalf("the initial calls did not settle: %v", err)
		}
		// The user changes what the page shows.
		var refs []sdk.PropRef
		sess.Read(func() {
			for _, tab := range sess.Tabs() {
				if tab.Part != 0 {
					continue
				}
				sdk.Walk(tab.Tab.Children, func(c sdk.Component) bool {
					if c == nil {
						t.Fatal("a nil component on the page")
					}
					if id := c.ComponentID(); id != "" && len(refs) < 8 {
						refs = append(refs, sdk.PropRef{ComponentID: id, Property: sdk.PropValue}, sdk.PropRef{ComponentID: id, Property: sdk.PropChildren})
					}
					return true
				})
			}
		})
		for _, r := range refs {
			_ = sess.Set(ctx, 0, r, sdk.StrValue("a"))
			_ = sess.Set(ctx, 0, r, sdk.ChildrenValue(&sdk.Select{ID: "a"}, &sdk.Slot{ID: "b"}))
		}
		if err := sess.Wait(ctx); err != nil {
			t.Fatalf("the calls after the user's changes did not settle: %v", err)
		}
		if n := sess.Busy(); n != 0 {
			t.Fatalf("%d calls busy after Wait", n)
		}
	})
}
