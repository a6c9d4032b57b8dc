package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Load reads a tenant file; the format (YAML or JSON) follows the extension
// (.yaml, .yml or .json).
func Load(path string) (*Tenant, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read tenant: %w", err)
	}
	t, err := Parse(data, filepath.Ext(path))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// Parse decodes a tenant in format "yaml" or "json" (a leading dot and "yml"
// are accepted), rejects unknown keys, validates it and fills in defaults.
func Parse(data []byte, format string) (t *Tenant, err error) {
	defer func() { // a decoder bug must not take the caller down
		if r := recover(); r != nil {
			t, err = nil, fmt.Errorf("tenant: decode: %v", r)
		}
	}()
	t = new(Tenant)
	switch strings.ToLower(strings.TrimPrefix(format, ".")) {
	case "yaml", "yml":
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(t); err != nil {
			if errors.Is(err, io.EOF) {
				return nil, errors.New("tenant: empty document")
			}
			return nil, fmt.Errorf("tenant: %w", err)
		}
	case "json":
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(t); err != nil {
			return nil, fmt.Errorf("tenant: %w", err)
		}
	default:
		return nil, fmt.Errorf("tenant: unknown format %q (want yaml or json)", format)
	}
	if err := t.normalize(); err != nil {
		return nil, fmt.Errorf("tenant: %w", err)
	}
	return t, nil
}
