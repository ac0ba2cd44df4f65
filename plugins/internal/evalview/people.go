package evalview

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/openml-dash/openml-dash/sdk"
	"github.com/openml-dash/openml-dash/sdk/openml"
)

// userChunk is how many user ids one user listing asks for, to keep
// paths short.
const userChunk = 200

// UserNames asks the server for the names of the users ids (user/list/
// user_id/…). Users it does not name are left out; err says why a part
// of the list could not be read, and the names read before stay.
func UserNames(ctx context.Context, host sdk.Host, server string, ids []int64) (map[int64]string, error) {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	ids = slices.DeleteFunc(ids, func(id int64) bool { return id < 1 })
	out := map[int64]string{}
	for start := 0; start < len(ids); start += userChunk {
		chunk := ids[start:min(start+userChunk, len(ids))]
		s := make([]string, len(chunk))
		for i, id := range chunk {
			s[i] = strconv.FormatInt(id, 10)
		}
		path := "user/list/user_id/" + strings.Join(s, ",")
		body, err := sdk.FetchAPI(ctx, host, sdk.EntityRef{Server: server}, path)
		if err != nil {
			return out, fmt.Errorf("user names: %w", err)
		}
		users, err := openml.ParseUsers(body)
		if err != nil {
			return out, fmt.Errorf("user names: %w", err)
		}
		for _, u := range users {
			if u.Username != "" {
				out[u.ID] = u.Username
			}
		}
	}
	return out, nil
}

// UserLabel is a user's name, or "user <id>" when it is not known.
func UserLabel(names map[int64]string, id int64) string {
	if n, ok := names[id]; ok {
		return n
	}
	return fmt.Sprintf("user %d", id)
}
