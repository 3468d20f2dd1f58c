package ingest

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
)

//go:embed builtin
var builtinData embed.FS

// DefaultBuiltin is the dataset used when no other is named.
const DefaultBuiltin = "toc2010"

// BuiltinInfo describes one built-in dataset.
type BuiltinInfo struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

var builtinDescriptions = map[string]string{
	"toc2010": "trafficking to West and Central Europe from the UNODC 2010 threat assessment (the victims detected in 2006, time series for Italy, the Netherlands, Spain and Turkey)",
}

// BuiltinList is the built-in datasets, as the datasets command lists
// them. (Descriptions hold no victim count: they are not typed counts the
// privacy policy could hide.)
type BuiltinList struct {
	Datasets []BuiltinInfo `json:"datasets"`
}

// ListBuiltins lists the built-in datasets by name.
func ListBuiltins() *BuiltinList { return &BuiltinList{Datasets: Builtins()} }

// Builtins lists the built-in datasets by name.
func Builtins() []BuiltinInfo {
	entries, _ := fs.ReadDir(builtinData, "builtin")
	var out []BuiltinInfo
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, BuiltinInfo{e.Name(), builtinDescriptions[e.Name()]})
		}
	}
	slices.SortFunc(out, func(a, b BuiltinInfo) int {
		if a.Name < b.Name {
			return -1
		}
		return 1
	})
	return out
}

func builtinFS(name string) (fs.FS, string, error) {
	dir := path.Join("builtin", name)
	if st, err := fs.Stat(builtinData, dir); err != nil || !st.IsDir() {
		var names []string
		for _, b := range Builtins() {
			names = append(names, b.Name)
		}
		return nil, "", fmt.Errorf("%w %q (have %v)", ErrUnknownBuiltin, name, names)
	}
	return builtinData, dir, nil
}
