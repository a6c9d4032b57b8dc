package cli

import (
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

// errorLang is the language Run says a failed command's error in: --lang
// when given, else GWSAUDIT_LANG, else the lang of the config file named
// by --config (when it can be read), else the locale — the order
// loadSettings uses, worked out again because the error may have come
// before the settings were loaded (a config file that is not there).
// args are the command line: when a flag cobra could not parse came
// first, --lang after it was never parsed.
func errorLang(cmd *cobra.Command, args []string) string {
	if cmd == nil {
		return langFromLocale()
	}
	flags := cmd.Flags()
	if f := flags.Lookup("lang"); f != nil && f.Changed {
		return normLang(f.Value.String())
	}
	if l, ok := langArg(args); ok {
		return l
	}
	if l := os.Getenv("GWSAUDIT_LANG"); l != "" {
		return normLang(l)
	}
	if f := flags.Lookup("config"); f != nil && f.Value.String() != "" && f.Value.String() != "demo" {
		v := viper.New()
		_ = readConfigFile(v, f.Value.String()) // a key it refuses is still read
		if l := v.GetString("lang"); l != "" {
			return normLang(l)
		}
	}
	return langFromLocale()
}

func normLang(l string) string { return strings.ToLower(strings.TrimSpace(l)) }

// langArg finds --lang VALUE or --lang=VALUE in args (before a "--").
func langArg(args []string) (string, bool) {
	for i, a := range args {
		switch {
		case a == "--":
			return "", false
		case a == "--lang" && i+1 < len(args):
			return normLang(args[i+1]), true
		case strings.HasPrefix(a, "--lang="):
			return normLang(strings.TrimPrefix(a, "--lang=")), true
		}
	}
	return "", false
}
