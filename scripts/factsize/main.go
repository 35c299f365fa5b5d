// Command factsize reports how large blockcheck's facts are: it runs
// blockcheck with an empty cache over the packages given and sums the
// facts the cache then holds, per package and in all.
//
//	go run ./scripts/factsize [-blockcheck BIN] packages...
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
)

func main() {
	bin := flag.String("blockcheck", "blockcheck", "the blockcheck binary")
	flag.Parse()
	dir, err := os.MkdirTemp("", "factsize-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer os.RemoveAll(dir)
	cmd := exec.Command(*bin, flag.Args()...)
	cmd.Env = append(os.Environ(), "BLOCKCHECK_CACHE="+dir)
	cmd.Run() // findings make it exit 3; only the cache matters here

	var pkgs, withFacts, facts, bytes int
	var sizes []int
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".json" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var e struct {
			Facts map[string]json.RawMessage `json:"facts"`
		}
		if err := json.Unmarshal(data, &e); err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		pkgs++
		n := 0
		for k, v := range e.Facts {
			n += len(k) + len(v)
		}
		if len(e.Facts) > 0 {
			withFacts++
			sizes = append(sizes, n)
		}
		facts += len(e.Facts)
		bytes += n
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	slices.Sort(sizes)
	largest := 0
	if len(sizes) > 0 {
		largest = sizes[len(sizes)-1]
	}
	avg := 0
	if facts > 0 {
		avg = bytes / facts
	}
	fmt.Printf("packages analysed: %d, with facts: %d\nfacts: %d, %d bytes in all, %d bytes a fact on average\nlargest package: %d bytes of facts\n",
		pkgs, withFacts, facts, bytes, avg, largest)
}
