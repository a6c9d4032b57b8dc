package configs

import _ "embed"

//go:embed demo.yaml
var demoConfig []byte

// DemoConfig returns the config `gwsaudit audit --demo` runs with.
func DemoConfig() []byte { return demoConfig }
