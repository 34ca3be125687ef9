// Command benchbuild measures casefile's builds on synthetic corpora, side by
// side with Hugo + Pagefind when they are installed. It is what 'make bench'
// runs for build speed and memory.
//
//	go run ./cmd/benchbuild [-sizes 1000,10000,50000] [-work /tmp/casefile-bench] [-peers=true]
//
// For each size it generates the corpus with the shared generator
// (../shared/bench/gen-corpus.mjs, deterministic), then measures with
// casefile: a full build from nothing, a rebuild with nothing changed, and
// rebuilds after changing, adding and deleting one file; and checks that the
// site after those rebuilds is byte-identical to a full build of the same
// corpus. Each measurement gives wall time, CPU time (user + system) and
// peak resident memory. With -peers, the shared peer script builds the same
// corpus with Hugo and indexes it with Pagefind in the same run
// (../shared/bench/peers/build.sh; install them with peers/setup.sh).
//
// The machine may be shared and noisy: compare ratios measured in one run.
//
// Old sites are moved aside, not deleted, until every measurement is done:
// deleting a 50,000-document site (hundreds of thousands of files) just
// before a build made that build's file creation slower (on this machine's
// ext4, mounted with discard, a 10,000-document full build took 40-51 s
// right after such a delete and 35-38 s without one), and would have
// charged casefile for it and not the peers, whose old output was deleted
// after they were measured. And like the peer script before Hugo, the
// full build starts after a sync and with the page cache dropped (where
// the system lets it), so both read their corpus from disk.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"casefile/site"
)

type measure struct {
	Wall, CPU time.Duration
	RSSMiB    float64
}

func (m measure) String() string {
	return fmt.Sprintf("%6.1f s wall, %6.1f s CPU, %5.0f MiB", m.Wall.Seconds(), m.CPU.Seconds(), m.RSSMiB)
}

func run(env []string, name string, args ...string) (measure, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	out := &strings.Builder{}
	cmd.Stdout, cmd.Stderr = out, out
	start := time.Now()
	err := cmd.Run()
	m := measure{Wall: time.Since(start)}
	if cmd.ProcessState != nil {
		m.CPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			m.RSSMiB = float64(ru.Maxrss) / 1024 // kilobytes on Linux
		}
	}
	if err != nil {
		return m, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return m, nil
}

func main() {
	sizes := flag.String("sizes", "1000,10000,50000", "corpus sizes, comma-separated")
	work := flag.String("work", "/tmp/casefile-bench", "work folder (corpora, sites)")
	shared := flag.String("shared", "../shared", "the shared folder (bench/gen-corpus.mjs, bench/peers)")
	bin := flag.String("casefile", "bin/casefile", "casefile binary")
	peers := flag.Bool("peers", true, "also run Hugo + Pagefind when installed")
	flag.Parse()
	if err := bench(*sizes, *work, *shared, *bin, *peers); err != nil {
		fmt.Fprintln(os.Stderr, "benchbuild:", err)
		os.Exit(1)
	}
}

type row struct {
	N                               int
	Full, Noop, Change, Add, Delete measure
	FullStages, ChangeStages        string // the builds' stage timings (report.json)
	Identical                       bool
	Hugo, Pagefind                  *measure
}

// stages reads the stage timings of the last build from its report, in the
// order the stages run: "scan 0.4s, read 2.8s, ...".
func stages(buildDir string) string {
	b, err := os.ReadFile(filepath.Join(buildDir, "report.json"))
	if err != nil {
		return "(no report: " + err.Error() + ")"
	}
	var rep struct {
		Timings map[string]string `json:"timings"`
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		return "(bad report: " + err.Error() + ")"
	}
	var out []string
	for _, k := range []string{"scan", "read", "resolve", "index", "render", "total"} {
		if v, ok := rep.Timings[k]; ok {
			out = append(out, k+" "+v)
		}
	}
	return strings.Join(out, ", ")
}

func bench(sizes, work, shared, bin string, withPeers bool) error {
	absBin, err := filepath.Abs(bin)
	if err != nil {
		return err
	}
	gen := filepath.Join(shared, "bench", "gen-corpus.mjs")
	peerScript := filepath.Join(shared, "bench", "peers", "build.sh")
	tools := envOr("BENCH_TOOLS", "/tmp/bench-tools")
	pagefind := filepath.Join(tools, "node_modules/@pagefind/linux-x64/bin/pagefind_extended")
	_, hugoErr := exec.LookPath("hugo")
	_, pfErr := os.Stat(pagefind)
	havePeers := withPeers && hugoErr == nil && pfErr == nil
	if withPeers && !havePeers {
		fmt.Printf("Hugo or Pagefind not installed (%s/setup.sh): casefile only.\n\n", filepath.Dir(peerScript))
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	trash, err := os.MkdirTemp(work, ".trash-")
	if err != nil {
		return err
	}
	defer func() {
		fmt.Println("removing the old sites...")
		os.RemoveAll(trash)
	}()
	moved := 0
	aside := func(path string) error {
		if _, err := os.Lstat(path); err != nil {
			return nil
		}
		moved++
		return os.Rename(path, filepath.Join(trash, strconv.Itoa(moved)))
	}
	// what an earlier run left in its trash (it was killed) goes now too
	if old, _ := filepath.Glob(filepath.Join(work, ".trash-*")); len(old) > 0 {
		for _, o := range old {
			if o != trash {
				aside(o)
			}
		}
	}
	var rows []row
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("bad size %q", s)
		}
		corpus := filepath.Join(work, "corpus", s)
		if _, err := os.Stat(filepath.Join(corpus, "queries.json")); err != nil {
			fmt.Printf("generating %d documents...\n", n)
			if _, err := run(nil, "node", gen, s, corpus); err != nil {
				return err
			}
		}
		r := row{N: n}
		content := filepath.Join(corpus, "content")
		siteDir := filepath.Join(work, "site", s)
		if err := aside(siteDir); err != nil {
			return err
		}
		build := func() (measure, error) {
			return run(nil, absBin, "build", "-corpus", content, "-out", filepath.Join(siteDir, "public"), "-build", filepath.Join(siteDir, "build"))
		}
		settle()
		fmt.Printf("casefile, %d documents: full build...\n", n)
		if r.Full, err = build(); err != nil {
			return err
		}
		r.FullStages = stages(filepath.Join(siteDir, "build"))
		full, err := site.HashTree(filepath.Join(siteDir, "public"))
		if err != nil {
			return err
		}
		if r.Noop, err = build(); err != nil {
			return err
		}
		// One file changed, one added, one deleted, then all put back.
		victim := firstFile(content)
		orig, err := os.ReadFile(victim)
		if err != nil {
			return err
		}
		os.WriteFile(victim, append(append([]byte{}, orig...), []byte("\n\nA late correction added one more sentence about the appeal.\n")...), 0o644)
		if r.Change, err = build(); err != nil {
			return err
		}
		r.ChangeStages = stages(filepath.Join(siteDir, "build"))
		added := filepath.Join(content, "news", "zz-benchmark-added.md")
		os.WriteFile(added, addedArticle(orig), 0o644)
		if r.Add, err = build(); err != nil {
			return err
		}
		os.Remove(added)
		os.WriteFile(victim, orig, 0o644)
		if r.Delete, err = build(); err != nil {
			return err
		}
		after, err := site.HashTree(filepath.Join(siteDir, "public"))
		if err != nil {
			return err
		}
		r.Identical = after == full
		if havePeers {
			fmt.Printf("Hugo + Pagefind, %d documents...\n", n)
			env := []string{"BENCH_CORPUS=" + filepath.Join(work, "peers"), "BENCH_RESULTS=" + filepath.Join(work, "peer-results"), "BENCH_TOOLS=" + tools}
			if _, err := run(env, "bash", peerScript, s); err != nil {
				return err
			}
			h, p, err := peerFigures(filepath.Join(work, "peer-results", s, "build.json"))
			if err != nil {
				return err
			}
			r.Hugo, r.Pagefind = h, p
		}
		rows = append(rows, r)
		if err := aside(filepath.Join(work, "peers", s, "public")); err != nil {
			return err
		}
	}
	print(rows)
	return nil
}

// settle writes out what is pending and drops the page cache, as the peer
// script does before Hugo (as root; elsewhere the cache stays).
func settle() {
	syscall.Sync()
	os.WriteFile("/proc/sys/vm/drop_caches", []byte("3\n"), 0o200)
}

func print(rows []row) {
	fmt.Println()
	fmt.Println("| N | casefile full build | no change | one file changed | one added | one deleted | incremental = full |")
	fmt.Println("|---|---|---|---|---|---|---|")
	for _, r := range rows {
		fmt.Printf("| %d | %s | %.1f s | %s | %.1f s | %.1f s | %v |\n", r.N, r.Full, r.Noop.Wall.Seconds(), r.Change,
			r.Add.Wall.Seconds(), r.Delete.Wall.Seconds(), r.Identical)
	}
	fmt.Println()
	fmt.Println("Stages (wall time; index and render overlap, render includes the search export):")
	for _, r := range rows {
		fmt.Printf("- %d, full build: %s\n", r.N, r.FullStages)
		fmt.Printf("- %d, one file changed: %s\n", r.N, r.ChangeStages)
	}
	if rows[0].Hugo == nil {
		return
	}
	fmt.Println()
	fmt.Println("| N | Hugo | Pagefind | Hugo + Pagefind wall | casefile wall | ratio casefile / (Hugo + Pagefind) |")
	fmt.Println("|---|---|---|---|---|---|")
	for _, r := range rows {
		peer := r.Hugo.Wall + r.Pagefind.Wall
		fmt.Printf("| %d | %s | %s | %.1f s | %.1f s | %.2f |\n", r.N, r.Hugo, r.Pagefind, peer.Seconds(), r.Full.Wall.Seconds(),
			r.Full.Wall.Seconds()/peer.Seconds())
	}
}

// peerFigures reads the peer script's build.json.
func peerFigures(path string) (*measure, *measure, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	type t struct {
		Wall float64 `json:"wall_s"`
		User float64 `json:"user_s"`
		Sys  float64 `json:"sys_s"`
		RSS  float64 `json:"peak_rss_mib"`
	}
	var v struct{ Hugo, Pagefind t }
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, nil, err
	}
	conv := func(x t) *measure {
		return &measure{Wall: time.Duration(x.Wall * float64(time.Second)), CPU: time.Duration((x.User + x.Sys) * float64(time.Second)), RSSMiB: x.RSS}
	}
	return conv(v.Hugo), conv(v.Pagefind), nil
}

// addedArticle is the document the benchmark adds: a new article about the
// entities of an existing one (orig's front matter), as a journalist's next
// story would be. An article that named none of the corpus's entities
// measured less than a real one costs: once, adding a document changed the
// keys of the entity pages listing its entities as co-occurring, and such
// an article could not show it.
func addedArticle(orig []byte) []byte {
	var names []string
	for _, line := range strings.Split(string(orig), "\n") {
		if v, ok := strings.CutPrefix(line, "entities: "); ok {
			json.Unmarshal([]byte(v), &names)
			break
		}
	}
	var b strings.Builder
	b.WriteString("---\ntitle: \"An added article\"\ndate: 2020-01-02\nsource: \"Bench Wire\"\n")
	if len(names) > 0 {
		list, _ := json.Marshal(names)
		fmt.Fprintf(&b, "entities: %s\n", list)
	}
	b.WriteString("---\nThe court heard the appeal on Monday, the filing says.")
	for i, n := range names {
		fmt.Fprintf(&b, " %s said on Tuesday that the ruling of January %d, 2020 would be appealed.", n, 6+i)
	}
	b.WriteString("\n")
	return []byte(b.String())
}

func firstFile(dir string) string {
	var first string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && first == "" && strings.HasSuffix(p, ".md") {
			first = p
		}
		return nil
	})
	return first
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
