package cli

import (
	"bytes"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/gwsaudit/gwsaudit/internal/smallfile"
	"github.com/gwsaudit/gwsaudit/internal/usererr"
	"github.com/gwsaudit/gwsaudit/suppress"
)

// configKeys lists the keys a config file may hold, from settings' tags;
// a nested table (rate_limits) gives its own name and "name.field", a table
// of named entries (audiences) "name.*.field", * standing for any one name.
func configKeys() []string {
	var out []string
	var walk func(t reflect.Type, prefix string)
	walk = func(t reflect.Type, prefix string) {
		for f := range t.Fields() {
			name, opt, _ := strings.Cut(f.Tag.Get("mapstructure"), ",")
			if opt == "squash" {
				walk(f.Type, prefix)
				continue
			}
			if name == "" || name == "-" {
				continue
			}
			out = append(out, prefix+name)
			if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeFor[time.Duration]() {
				walk(f.Type, prefix+name+".")
			}
			if f.Type.Kind() == reflect.Map && f.Type.Elem().Kind() == reflect.Struct {
				// A table of named entries (audiences): any name, then
				// the entry's fields.
				walk(f.Type.Elem(), prefix+name+".*.")
			}
		}
	}
	walk(reflect.TypeFor[settings](), "")
	return out
}

// maxConfigFile bounds a config file: real ones are a few kilobytes.
const maxConfigFile = 1 << 20

// readConfigFile reads the config file into v, once: only a regular file
// of at most 1 MiB (never blocking on a pipe), in a format named by its
// extension, and with no key that is not a setting.
func readConfigFile(v *viper.Viper, path string) error {
	data, err := smallfile.Read(path, usererr.WhatConfig, maxConfigFile, usererr.HintConfigFile)
	if err != nil {
		return err
	}
	ext := strings.TrimPrefix(filepath.Ext(path), ".")
	if ext == "yml" || ext == "" {
		ext = "yaml"
	}
	v.SetConfigType(ext)
	if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
		return usererr.Wrap(err, usererr.ConfigParse, path)
	}
	return checkConfigKeys(v, path)
}

// checkConfigKeys refuses a config file key that is not a setting, naming
// the nearest valid one: a misspelt key would otherwise be ignored. v holds
// only the file's keys (and defaults and bindings, which are all settings).
func checkConfigKeys(v *viper.Viper, configFile string) error {
	known := configKeys()
	for _, k := range v.AllKeys() {
		if slices.ContainsFunc(known, func(p string) bool { return keyMatches(p, k) }) {
			continue
		}
		if strings.Contains(k, "password") || strings.Contains(k, "webhook_url") {
			return usererr.New(usererr.ConfigSecret, configFile, k, defaultSMTPPasswordEnv)
		}
		if near := suppress.Nearest(k, known); near != "" {
			return usererr.New(usererr.ConfigUnknownKeyNear, configFile, k, near)
		}
		return usererr.New(usererr.ConfigUnknownKey, configFile, k)
	}
	return nil
}

// checkPositive refuses zero or negative numbers the user gave, which
// would otherwise quietly fall back to a default.
func checkPositive(v *viper.Viper, s *settings) error {
	type num struct {
		key string
		val float64
	}
	nums := []num{{"concurrency", float64(s.Concurrency)}, {"audit_log_days", float64(s.AuditLogDays)},
		{"attempt_timeout", float64(s.AttemptTimeout)}, {"rate_limits.directory", s.RateLimits.Directory},
		{"rate_limits.reports", s.RateLimits.Reports}, {"rate_limits.drive", s.RateLimits.Drive},
		{"rate_limits.forms", s.RateLimits.Forms}, {"rate_limits.page", s.RateLimits.Page},
		{"rate_limits.gmail", s.RateLimits.Gmail}}
	for _, n := range nums {
		if n.val <= 0 && v.IsSet(n.key) {
			return usererr.New(usererr.NotPositiveSetting, n.key, v.Get(n.key))
		}
	}
	return nil
}

// positiveFlags refuses a zero or negative value given to any of the named
// number or duration flags.
func positiveFlags(fs *pflag.FlagSet, names ...string) error {
	for _, name := range names {
		f := fs.Lookup(name)
		if f == nil || !f.Changed {
			continue
		}
		val := f.Value.String()
		n, err := strconv.ParseFloat(val, 64)
		if err != nil {
			d, derr := time.ParseDuration(val)
			if derr != nil {
				continue
			}
			n = float64(d)
		}
		if n <= 0 {
			return usererr.New(usererr.NotPositiveFlag, name, val)
		}
	}
	return nil
}

// keyMatches reports whether key k matches pattern p, where a "*" segment
// of p stands for any one segment.
func keyMatches(p, k string) bool {
	ps, ks := strings.Split(p, "."), strings.Split(k, ".")
	if len(ps) != len(ks) {
		return false
	}
	for i := range ps {
		if ps[i] != "*" && ps[i] != ks[i] {
			return false
		}
	}
	return true
}
