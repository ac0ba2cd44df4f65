package route_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/openml-dash/openml-dash/host/route"
	"github.com/openml-dash/openml-dash/sdk"
)

// FuzzParse checks that Parse never panics, that every failure is a
// *route.Error with a hint, and that every success prints and parses back
// to itself.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"https://www.openml.org/d/61", "openml.org/d/61?tab=features#x", "www.openml.org/d/61/",
		"openml.org/search?type=data&id=61", "https://www.openml.org/search?type=run&id=539275&sort=date",
		"/t/59", "f/5270", "run/539275", "/dashboard/data/61", "api/v1/xml/data/61",
		"https://api.openml.org/api/v1/xml/run/1", "/api/v1/json/task/59",
		"https://test.openml.org/d/1", "test.openml.org/api/v1/xml/task/19",
		"http://localhost:8080/d/61", "[::1]:8080/r/3", "//openml.org/d/1", "HTTPS://X.ORG:443/D/1",
		"", " ", "61", "d/", "d/-1", "d/0", "d/61/features/x", "openml.org/x/61", "search?sort=date",
		"ftp://x/d/1", "https:///d/1", "u@h/d/1", "localhost:0/d/1", "d/%zz", "https://[::1%25eth0]/d/1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ref, err := route.Parse(s)
		if err != nil {
			var rerr *route.Error
			if !errors.As(err, &rerr) || rerr.Reason == "" {
				t.Fatalf("Parse(%q): %T %v is not a *route.Error with a reason", s, err, err)
			}
			if !strings.Contains(err.Error(), "d/61 (data)") {
				t.Fatalf("Parse(%q): error %q shows no accepted form", s, err)
			}
			return
		}
		if ref.Server == "" || ref.ID <= 0 || ref.Kind < sdk.KindData || ref.Kind > sdk.KindRun {
			t.Fatalf("Parse(%q) = %+v: incomplete ref", s, ref)
		}
		for _, again := range []string{ref.String(), ref.URL()} {
			got, err := route.Parse(again)
			if err != nil {
				t.Fatalf("Parse(%q) = %+v, but Parse(%q): %v", s, ref, again, err)
			}
			if got != ref {
				t.Fatalf("Parse(%q) = %+v, but Parse(%q) = %+v", s, ref, again, got)
			}
		}
	})
}
