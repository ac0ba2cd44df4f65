package dashboard

import (
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/openml-dash/openml-dash/sdk"
)

// A local file has no OpenML server: the host answers its description
// itself, in the API's format, so the data plugin reads it as it reads any
// other dataset. The plugin finds the rest (attributes, statistics) in the
// file. Only the file the ref names is served: a plugin cannot use a
// local-file ref to read other files through the host.
func (h *host) fetchLocal(req sdk.FetchRequest) (*sdk.FetchResponse, error) {
	path, _ := strings.CutPrefix(req.Server, sdk.FileServer)
	if req.URL != "" {
		if req.URL != sdk.FileServer+path {
			return nil, &sdk.FetchError{Code: sdk.FetchNotFound, Message: fmt.Sprintf("%s: the page of the local file %s can read only that file", req.URL, path)}
		}
		if _, err := os.Stat(path); err != nil {
			return nil, &sdk.FetchError{Code: sdk.FetchNotFound, Message: err.Error()}
		}
		if req.AsFile {
			return &sdk.FetchResponse{FilePath: path}, nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, &sdk.FetchError{Code: sdk.FetchFailed, Message: err.Error()}
		}
		return &sdk.FetchResponse{Body: b}, nil
	}
	if req.Path != "data/0" {
		return nil, &sdk.FetchError{Code: sdk.FetchNotFound, Message: fmt.Sprintf("%s: a local file has no OpenML %s answer; what the page shows comes from the file itself", path, req.Path)}
	}
	b, err := localDescription(path, h.target)
	if err != nil {
		return nil, &sdk.FetchError{Code: sdk.FetchNotFound, Message: err.Error()}
	}
	return &sdk.FetchResponse{Body: b}, nil
}

// localDescription is an OpenML data set description of the file at path.
func localDescription(path, target string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a file", path)
	}
	name := filepath.Base(path)
	for _, ext := range []string{".gz", ".arff", ".parquet", ".pq", ".csv", ".tsv"} {
		name = strings.TrimSuffix(name, ext)
	}
	d := struct {
		XMLName     xml.Name `xml:"oml:data_set_description"`
		NS          string   `xml:"xmlns:oml,attr"`
		ID          int      `xml:"oml:id"`
		Name        string   `xml:"oml:name"`
		Version     int      `xml:"oml:version"`
		Description string   `xml:"oml:description"`
		Format      string   `xml:"oml:format"`
		UploadDate  string   `xml:"oml:upload_date"`
		URL         string   `xml:"oml:url"`
		Target      string   `xml:"oml:default_target_attribute,omitempty"`
		Status      string   `xml:"oml:status"`
	}{
		NS: "http://openml.org/openml", Name: name, Version: 1,
		Description: fmt.Sprintf("Local file `%s` (%.1f MB), not on an OpenML server.", path, float64(st.Size())/1e6),
		Format:      fileFormat(path), UploadDate: st.ModTime().UTC().Format("2006-01-02T15:04:05"),
		URL: sdk.FileServer + path, Target: target, Status: "active",
	}
	return xml.MarshalIndent(d, "", "  ")
}

func fileFormat(path string) string {
	p := strings.ToLower(strings.TrimSuffix(path, ".gz"))
	switch {
	case strings.HasSuffix(p, ".parquet"), strings.HasSuffix(p, ".pq"):
		return "Parquet"
	case strings.HasSuffix(p, ".csv"), strings.HasSuffix(p, ".tsv"):
		return "CSV"
	}
	return "ARFF"
}
