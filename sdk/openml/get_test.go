package openml_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
	"github.com/openml-dash/openml-dash/sdk/sdktest"
)

// refreshHost answers a path with first, and with again when asked with
// Refresh, as a host whose cached copy was damaged does.
func refreshHost(first, again string) *sdktest.Host {
	return &sdktest.Host{FetchFunc: func(_ context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
		if req.Refresh {
			return &sdk.FetchResponse{Body: []byte(again)}, nil
		}
		return &sdk.FetchResponse{Body: []byte(first)}, nil
	}}
}

// TestGet_refreshesAnAnswerThatDoesNotParse: an answer that does not parse
// (a cached copy damaged in a way the host cannot see) is asked for once
// more with Refresh; an OpenML error answer is not.
func TestGet_refreshesAnAnswerThatDoesNotParse(t *testing.T) {
	t.Parallel()
	const (
		good      = `<oml:data_set_description xmlns:oml="http://openml.org/openml"><oml:id>7</oml:id><oml:name>toy</oml:name></oml:data_set_description>`
		flipped   = `<oml:data_set_description xmlns:oml="http://openml.org/openml"><oml:id>7x</oml:id><oml:name>toy</oml:name></oml:data_set_description>`
		unknown   = `<oml:error xmlns:oml="http://openml.org/openml"><oml:code>111</oml:code><oml:message>Unknown dataset</oml:message></oml:error>`
		server    = "https://test.example"
		evalsGood = `<oml:evaluations xmlns:oml="http://openml.org/openml"></oml:evaluations>`
	)
	ref := sdk.EntityRef{Server: server, Kind: sdk.KindData, ID: 7}
	first := sdk.FetchRequest{Server: server, Path: "data/7"}
	refresh := sdk.FetchRequest{Server: server, Path: "data/7", Refresh: true}

	t.Run("damaged, then whole", func(t *testing.T) {
		t.Parallel()
		host := refreshHost(flipped, good)
		d, err := openml.GetDataset(context.Background(), host, ref)
		require.NoError(t, err)
		assert.Equal(t, "toy", d.Name)
		assert.Equal(t, []sdk.FetchRequest{first, refresh}, host.Fetches)
	})
	t.Run("damaged twice", func(t *testing.T) {
		t.Parallel()
		host := refreshHost(flipped, flipped)
		_, err := openml.GetDataset(context.Background(), host, ref)
		require.ErrorContains(t, err, "dataset 7: ")
		assert.Equal(t, []sdk.FetchRequest{first, refresh}, host.Fetches, "asked again once, not in a loop")
	})
	t.Run("the refresh fails", func(t *testing.T) {
		t.Parallel()
		host := &sdktest.Host{FetchFunc: func(_ context.Context, req sdk.FetchRequest) (*sdk.FetchResponse, error) {
			if req.Refresh {
				return nil, &sdk.FetchError{Code: sdk.FetchUnavailable, Message: "offline"}
			}
			return &sdk.FetchResponse{Body: []byte(flipped)}, nil
		}}
		_, err := openml.GetDataset(context.Background(), host, ref)
		require.Error(t, err)
		var fe *sdk.FetchError
		assert.False(t, errors.As(err, &fe), "the parse error is what went wrong: %v", err)
		assert.Len(t, host.Fetches, 2)
	})
	t.Run("an OpenML error is the answer", func(t *testing.T) {
		t.Parallel()
		host := refreshHost(unknown, good)
		_, err := openml.GetDataset(context.Background(), host, ref)
		var apiErr *openml.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, []sdk.FetchRequest{first}, host.Fetches)
	})
	t.Run("a listing", func(t *testing.T) {
		t.Parallel()
		host := refreshHost(`<oml:evaluations xmlns:oml="http://openml.org/openml">`, evalsGood)
		evals, err := openml.ListEvaluations(context.Background(), host, server, openml.EvaluationQuery{Function: "predictive_accuracy", Tasks: []int64{59}})
		require.NoError(t, err)
		assert.Empty(t, evals)
		require.Len(t, host.Fetches, 2)
		assert.True(t, host.Fetches[1].Refresh)
		assert.Equal(t, host.Fetches[0].Path, host.Fetches[1].Path)
	})
	t.Run("a setup", func(t *testing.T) {
		t.Parallel()
		host := refreshHost(`<oml:setup_parameters xmlns:oml="http://openml.org/openml"><oml:setup_id>x</oml:setup_id></oml:setup_parameters>`,
			`<oml:setup_parameters xmlns:oml="http://openml.org/openml"><oml:setup_id>3</oml:setup_id><oml:flow_id>5</oml:flow_id></oml:setup_parameters>`)
		s, err := openml.GetSetup(context.Background(), host, server, 3)
		require.NoError(t, err)
		assert.EqualValues(t, 3, s.ID)
		assert.Equal(t, []sdk.FetchRequest{{Server: server, Path: "setup/3"}, {Server: server, Path: "setup/3", Refresh: true}}, host.Fetches)
	})
}
