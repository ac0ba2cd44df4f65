// Command echo is the test plugin of pluginhost: it fetches through the
// host, echoes, reports its environment, and misbehaves on request. Its
// manifest comes from its binary's name, so one build serves as several
// plugins; as "flaky" it is killed during its first start.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/plugin"
)

// Entity ids whose Layout misbehaves.
const (
	hangID = 999
	exitID = 998
)

type echo struct{ name string }

func (e echo) Manifest() sdk.Manifest {
	if e.name == "extra" {
		return sdk.Manifest{Name: e.name, Version: "0.1", Kinds: []sdk.Kind{sdk.KindData}, Order: 10}
	}
	return sdk.Manifest{Name: e.name, Version: "1.0", Kinds: []sdk.Kind{sdk.KindData, sdk.KindTask}, Order: sdk.OrderCore}
}

func (e echo) Layout(ctx context.Context, req *sdk.LayoutRequest) (*sdk.Page, error) {
	switch req.Ref.ID {
	case hangID:
		time.Sleep(time.Hour) // stuck, deaf to ctx
	case exitID:
		os.Exit(2)
	}
	body, err := sdk.FetchAPI(ctx, req.Host, req.Ref, fmt.Sprintf("data/%d", req.Ref.ID))
	if err != nil {
		return nil, fmt.Errorf("fetch the description of %s: %w", req.Ref, err)
	}
	return &sdk.Page{Title: e.name + ": " + string(body), Tabs: []sdk.Tab{{ID: "main", Title: "Main"}}}, nil
}

func (e echo) Callback(ctx context.Context, req *sdk.CallbackRequest) (*sdk.Patch, error) {
	switch req.ID {
	case "echo":
		return sdk.NewPatch().Set(sdk.Output("out", "value"), req.Value(sdk.Input("in", "value"))), nil
	case "pid":
		return sdk.NewPatch().Set(sdk.Output("pid", "value"), sdk.IntValue(int64(os.Getpid()))), nil
	case "panic":
		panic("boom")
	case "exit":
		os.Exit(2)
	case "log":
		req.Host.Log(ctx, sdk.LogDebug, "a debug line from "+e.name)
		return sdk.NewPatch(), nil
	case "block":
		req.Host.Log(ctx, sdk.LogInfo, "blocking")
		<-ctx.Done()
		return nil, ctx.Err()
	case "fetch-block":
		if _, err := sdk.FetchAPI(ctx, req.Host, req.Ref, "data/61"); err != nil {
			return nil, err
		}
		<-ctx.Done()
		return nil, ctx.Err()
	case "env":
		return sdk.NewPatch().Set(sdk.Output("env", "value"), sdk.StrValue(strings.Join(os.Environ(), "\n"))), nil
	}
	return nil, fmt.Errorf("no callback %q", req.ID)
}

func main() {
	name := strings.TrimPrefix(strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe"), "openml-dash-plugin-")
	if name == "flaky" {
		killedOnFirstStart(filepath.Join(filepath.Dir(os.Args[0]), ".flaky-started"))
	}
	plugin.Serve(echo{name: name})
}

// killedOnFirstStart kills this process, before its handshake, unless the
// marker file says it was started before.
func killedOnFirstStart(marker string) {
	if _, err := os.Stat(marker); err == nil {
		return
	}
	if err := os.WriteFile(marker, nil, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	self, err := os.FindProcess(os.Getpid())
	if err == nil {
		_ = self.Kill()
	}
	time.Sleep(time.Minute)
}
