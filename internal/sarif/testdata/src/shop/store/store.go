// Package store keeps the product catalog.
package store

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// Product is one item of the catalog. Prices are in cents.
type Product struct {
	SKU   string `json:"sku"`
	Name  string `json:"name"`
	Price int64  `json:"price"`
}

// Catalog is the product catalog, loaded from a data directory. It is
// safe for concurrent use.
type Catalog struct {
	dir      string
	mu       sync.RWMutex
	products []Product
}

// Open loads the catalog from dir/products.json.
func Open(dir string) (*Catalog, error) {
	data, err := os.ReadFile(filepath.Join(dir, "products.json"))
	if err != nil {
		return nil, err
	}
	c := &Catalog{dir: dir}
	return c, json.Unmarshal(data, &c.products)
}

// Search returns the products whose name contains query, ignoring case.
func (c *Catalog) Search(query string) []Product {
	query = strings.ToLower(query)
	c.mu.RLock()
	defer c.mu.RUnlock()
	var found []Product
	for _, p := range c.products {
		if strings.Contains(strings.ToLower(p.Name), query) {
			found = append(found, p)
		}
	}
	return found
}

// DiskUsage reports the size of the data directory, as du(1) prints it.
func (c *Catalog) DiskUsage() (string, error) { // want DiskUsage:`blocks\(exec: exec.Command\)`
	out, err := exec.Command("du", "-sh", c.dir).Output()
	size, _, _ := strings.Cut(string(out), "\t")
	return size, err
}

// DiskUsageContext is DiskUsage bounded by ctx: du is killed when ctx
// is done.
func (c *Catalog) DiskUsageContext(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "du", "-sh", c.dir).Output()
	size, _, _ := strings.Cut(string(out), "\t")
	return size, err
}
