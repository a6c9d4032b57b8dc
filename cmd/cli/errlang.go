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
func errorLang(cmd *cobra.Command) string {
	if cmd == nil {
		return langFromLocale()
	}
	flags := cmd.Flags()
	if f := flags.Lookup("lang"); f != nil && f.Changed {
		return normLang(f.Value.String())
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
