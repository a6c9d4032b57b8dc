package cli

import (
	"cmp"
	"fmt"

	"github.com/spf13/viper"
)

// readerLang resolves the language of a command that writes for people
// without auditing (fix plan, history, diff) in the audit's order: --lang,
// else $GWSAUDIT_LANG, else the lang of the config file (--config), else
// the locale.
func readerLang(flagLang, configFile string) (string, error) {
	lang := flagLang
	if lang == "" {
		v := viper.New()
		v.SetEnvPrefix("GWSAUDIT")
		_ = v.BindEnv("lang")
		if configFile != "" {
			if err := readConfigFile(v, configFile); err != nil {
				return "", err
			}
		}
		lang = cmp.Or(v.GetString("lang"), langFromLocale())
	}
	if lang != "en" && lang != "ja" {
		return "", fmt.Errorf("--lang %q: want en or ja", lang)
	}
	return lang, nil
}
