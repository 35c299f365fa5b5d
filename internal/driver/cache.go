package driver

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/blockcheck/blockcheck/internal/sarif"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"
)

// The cache keeps, per package, its findings and the facts it
// exported, under a key that changes whenever anything the analysis
// depends on does: this executable, the analyzer's settings, the
// package's files, and each dependency's export data (a file the go
// command names by its content) and facts.

// cacheEntry is what the cache holds for one package.
type cacheEntry struct {
	Facts       map[string]json.RawMessage `json:"facts"`
	Diagnostics []sarif.Diagnostic         `json:"diagnostics"`
}

// cache is a run's view of the cache directory; "" is no cache.
type cache struct {
	dir string

	mu  sync.Mutex
	err error // the first write that failed
}

// failed records why the cache could not be written, once.
func (c *cache) failed(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		c.err = err
	}
}

func (c *cache) error() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

func (c *cache) path(key string) string {
	return filepath.Join(c.dir, key[:2], key+".json")
}

func (c *cache) get(key string) (cacheEntry, bool) {
	var e cacheEntry
	if c.dir == "" {
		return e, false
	}
	path := c.path(key)
	data, err := os.ReadFile(path)
	if err != nil || json.Unmarshal(data, &e) != nil {
		return e, false
	}
	// Mark it used, so that trim keeps it.
	if info, err := os.Stat(path); err == nil && time.Since(info.ModTime()) > time.Hour {
		now := time.Now()
		os.Chtimes(path, now, now)
	}
	return e, true
}

// Entries unused for this long are removed, at most once a day.
const (
	trimAfter    = 5 * 24 * time.Hour
	trimInterval = 24 * time.Hour
)

// trim removes the entries nobody used for trimAfter, once per
// trimInterval, as the go command trims its own cache.
func (c *cache) trim() {
	if c.dir == "" {
		return
	}
	stamp := filepath.Join(c.dir, "trim.txt")
	if info, err := os.Stat(stamp); err == nil && time.Since(info.ModTime()) < trimInterval {
		return
	}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		c.failed(err)
		return
	}
	if err := os.WriteFile(stamp, []byte(time.Now().Format(time.RFC3339)+"\n"), 0o644); err != nil {
		c.failed(err)
		return
	}
	filepath.WalkDir(c.dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".json" {
			return nil
		}
		if info, err := d.Info(); err == nil && time.Since(info.ModTime()) > trimAfter {
			os.Remove(path)
		}
		return nil
	})
}

// put stores an entry. A cache that cannot be written is no error,
// only slower next time: the first reason is kept for a note.
func (c *cache) put(key string, e cacheEntry) {
	if c.dir == "" {
		return
	}
	data, err := json.Marshal(e)
	if err != nil {
		c.failed(err)
		return
	}
	dst := c.path(key)
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		c.failed(err)
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".tmp-*")
	if err != nil {
		c.failed(err)
		return
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		c.failed(err)
		return
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		os.Remove(tmp.Name())
		c.failed(err)
	}
}

// key is the cache key of a package. It also returns the content of
// the package's files as read for the key, which is what is analysed:
// a file that changes during the run cannot make the findings and the
// key disagree.
func (r *run) key(p *listPackage) (string, map[string][]byte, error) {
	src := map[string][]byte{}
	h := sha256.New()
	fmt.Fprintf(h, "blockcheck driver v1\x00%s\x00%s\x00%q\x00%s\x00%t\x00", r.toolID, r.o.Analyzer.Name, r.o.Settings, p.ImportPath, p.root)
	if p.Module != nil {
		fmt.Fprintf(h, "module %s %s %s\x00", p.Module.Path, p.Module.Version, p.Module.GoVersion)
	}
	for _, name := range p.CompiledGoFiles {
		if !filepath.IsAbs(name) {
			name = filepath.Join(p.Dir, name)
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return "", nil, err
		}
		src[name] = data
		fmt.Fprintf(h, "file %s\x00", name)
		h.Write(data)
	}
	for _, path := range sortedKeys(p.ImportMap) {
		fmt.Fprintf(h, "importmap %s %s\x00", path, p.ImportMap[path])
	}
	for _, id := range p.Imports {
		dep := r.byID[id]
		if dep == nil {
			continue
		}
		fmt.Fprintf(h, "dep %s %s\x00", id, dep.Export)
		if facts := r.depFacts(id); facts != nil {
			fmt.Fprintf(h, "facts %s\x00", facts.digest)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), src, nil
}

// encodeFacts encodes facts as JSON, by object path.
func encodeFacts(f *pkgFacts) (map[string]json.RawMessage, error) {
	out := map[string]json.RawMessage{}
	if f == nil {
		return out, nil
	}
	for op, fact := range f.objects {
		data, err := json.Marshal(fact)
		if err != nil {
			return nil, err
		}
		out[string(op)] = data
	}
	return out, nil
}

// digestFacts is a hash of encoded facts, which the keys of the
// packages that import them hold.
func digestFacts(raw map[string]json.RawMessage) string {
	h := sha256.New()
	for _, k := range sortedKeys(raw) {
		fmt.Fprintf(h, "%s %s\x00", k, raw[k])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// decodeFacts decodes what encodeFacts wrote, into the analyzer's
// fact type.
func decodeFacts(a *analysis.Analyzer, raw map[string]json.RawMessage) (*pkgFacts, error) {
	f := &pkgFacts{objects: map[objectpath.Path]analysis.Fact{}, digest: digestFacts(raw)}
	if len(raw) == 0 {
		return f, nil
	}
	if len(a.FactTypes) != 1 {
		return nil, fmt.Errorf("facts for an analyzer without one fact type")
	}
	t := reflect.TypeOf(a.FactTypes[0]).Elem()
	for op, data := range raw {
		fact := reflect.New(t).Interface().(analysis.Fact)
		if err := json.Unmarshal(data, fact); err != nil {
			return nil, err
		}
		f.objects[objectpath.Path(op)] = fact
	}
	return f, nil
}

// executableID identifies this executable by its content.
func executableID() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// DefaultCache is the cache directory used unless told otherwise:
// $BLOCKCHECK_CACHE, or blockcheck under the user's cache directory;
// "off" there means none. Like GOCACHE, $BLOCKCHECK_CACHE must be an
// absolute path: a relative one would scatter caches over the
// directories the command is run from.
func DefaultCache() (string, error) {
	if dir := os.Getenv("BLOCKCHECK_CACHE"); dir != "" {
		if strings.EqualFold(dir, "off") {
			return "", nil
		}
		if !filepath.IsAbs(dir) {
			return "", fmt.Errorf("BLOCKCHECK_CACHE=%s is not an absolute path (set it to an absolute directory, or to off)", dir)
		}
		return dir, nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", nil
	}
	return filepath.Join(dir, "blockcheck"), nil
}
