package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// repoRoot is the repository root, seen from this package's directory.
const repoRoot = "../.."

var (
	mdLink    = regexp.MustCompile(`\[[^\]]*\]\(([^)\s]+)\)`)
	mdFence   = regexp.MustCompile("(?ms)^\\s*```.*?^\\s*```")
	mdCode    = regexp.MustCompile("`[^`\n]*`")
	mdHeading = regexp.MustCompile(`(?m)^#{1,6}\s+(.+?)\s*$`)
	// slugDrop is what GitHub drops from a heading to make its anchor.
	slugDrop = regexp.MustCompile(`[^\p{L}\p{N}\s_-]`)
)

// TestDocsLinks checks every relative link of every Markdown file of the
// repository: it must name a file or directory inside the repository, and
// a #fragment must name a heading of the file it points to. No Markdown
// file may cite the product contract kept outside the repository.
func TestDocsLinks(t *testing.T) {
	root, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".md") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"README.md", "docs/commands.md"} {
		if _, err := os.Stat(filepath.Join(root, want)); err != nil {
			t.Errorf("missing %s: %v", want, err)
		}
	}
	links := 0
	for _, file := range files {
		rel, _ := filepath.Rel(root, file)
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, outside := range []string{"../shared/", "SPEC.md", "SPEC section"} {
			if strings.Contains(string(b), outside) {
				t.Errorf("%s mentions %q, which is not in the repository", rel, outside)
			}
		}
		for _, target := range markdownLinks(t, file) {
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			links++
			path, frag, _ := strings.Cut(target, "#")
			dest := file
			if path != "" {
				dest = filepath.Join(filepath.Dir(file), filepath.FromSlash(path))
			}
			if r, err := filepath.Rel(root, dest); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
				t.Errorf("%s: link %q points outside the repository", rel, target)
				continue
			}
			if _, err := os.Stat(dest); err != nil {
				t.Errorf("%s: link %q: no such file", rel, target)
				continue
			}
			if frag != "" && strings.HasSuffix(dest, ".md") && !headingAnchors(t, dest)[frag] {
				t.Errorf("%s: link %q: no heading with anchor #%s", rel, target, frag)
			}
		}
	}
	if links < 20 {
		t.Errorf("found %d relative links in %d Markdown files; the README alone has more", links, len(files))
	}
}

// markdownLinks returns the targets of the links of Markdown file path,
// outside code blocks and code spans.
func markdownLinks(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := mdCode.ReplaceAllString(mdFence.ReplaceAllString(string(b), ""), "")
	var out []string
	for _, m := range mdLink.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	return out
}

// headingAnchors returns the anchors GitHub gives the headings of
// Markdown file path.
func headingAnchors(t *testing.T, path string) map[string]bool {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	anchors := map[string]bool{}
	for _, m := range mdHeading.FindAllStringSubmatch(mdFence.ReplaceAllString(string(b), ""), -1) {
		anchors[slug(m[1])] = true
	}
	return anchors
}

// slug is GitHub's anchor for a heading: lower case, punctuation dropped
// (backticks included), spaces made hyphens.
func slug(heading string) string {
	s := slugDrop.ReplaceAllString(strings.ToLower(heading), "")
	return strings.ReplaceAll(s, " ", "-")
}

func TestSlug(t *testing.T) {
	for _, c := range []struct{ heading, want string }{
		{"Captures for `--mse`", "captures-for---mse"},
		{"Diversion (`divert`)", "diversion-divert"},
		{"1. The 2006 flow to West and Central Europe: 7,300 victims (set `eu2006`)", "1-the-2006-flow-to-west-and-central-europe-7300-victims-set-eu2006"},
		{"Trafficker groups: `groups.csv`, `members.csv`, `ties.csv`", "trafficker-groups-groupscsv-memberscsv-tiescsv"},
	} {
		if got := slug(c.heading); got != c.want {
			t.Errorf("slug(%q) = %q, want %q", c.heading, got, c.want)
		}
	}
}

var (
	helpCommand = regexp.MustCompile(`(?m)^  ([a-z0-9-]+)\s{2,}`)
	helpFlag    = regexp.MustCompile(`(?m)^\s+(?:-\w, )?--([a-z0-9-]+)`)
	// filterFlags are documented once, under "Filters".
	filterFlagNames = map[string]bool{"year": true, "years": true, "form": true, "vector": true, "measure": true}
)

// TestDocsCommands checks that docs/commands.md documents every command
// and every flag that --help lists: global flags under "Global flags", the
// filters under "Filters" (and "[filters]" in the command's section), and
// each other flag in its command's section.
func TestDocsCommands(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot, "docs", "commands.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	section := func(prefix string) string {
		var out strings.Builder
		for _, s := range strings.Split(doc, "\n## ") {
			for _, sub := range strings.Split(s, "\n### ") {
				if strings.HasPrefix(sub, prefix) {
					out.WriteString(sub)
				}
			}
		}
		return out.String()
	}
	helpFlags := func(help, heading string) []string {
		_, rest, ok := strings.Cut(help, "\n"+heading+"\n")
		if !ok {
			return nil
		}
		rest, _, _ = strings.Cut(rest, "\n\n")
		var names []string
		for _, m := range helpFlag.FindAllStringSubmatch(rest, -1) {
			if m[1] != "help" {
				names = append(names, m[1])
			}
		}
		return names
	}

	root, errOut, code := tipgraph(t, "--help")
	if code != 0 {
		t.Fatalf("--help: exit %d: %s", code, errOut)
	}
	global := section("Global flags")
	for _, f := range helpFlags(root, "Flags:") {
		if !strings.Contains(global, "`--"+f) {
			t.Errorf("docs/commands.md, Global flags: --%s is not documented", f)
		}
	}
	_, cmds, _ := strings.Cut(root, "Available Commands:\n")
	cmds, _, _ = strings.Cut(cmds, "\n\n")
	n := 0
	for _, m := range helpCommand.FindAllStringSubmatch(cmds, -1) {
		name := m[1]
		if name == "help" || name == "completion" {
			continue
		}
		n++
		sec := section("`" + name)
		if sec == "" {
			t.Errorf("docs/commands.md: no section \"### `%s ...`\"", name)
			continue
		}
		help, errOut, code := tipgraph(t, name, "--help")
		if code != 0 {
			t.Fatalf("%s --help: exit %d: %s", name, code, errOut)
		}
		filters := false
		for _, f := range helpFlags(help, "Flags:") {
			if filterFlagNames[f] {
				filters = true
				continue
			}
			if !strings.Contains(sec, "--"+f) {
				t.Errorf("docs/commands.md, %s: --%s is not documented", name, f)
			}
		}
		if filters && !strings.Contains(sec, "[filters]") {
			t.Errorf("docs/commands.md, %s: takes the filters, but its section does not say [filters]", name)
		}
	}
	if n < 10 {
		t.Errorf("found %d commands in tipgraph --help; want every command", n)
	}
	for f := range filterFlagNames {
		if !strings.Contains(section("Filters"), "`--"+f) {
			t.Errorf("docs/commands.md, Filters: --%s is not documented", f)
		}
	}
}
