package emulator

import _ "embed"

//go:embed demo.yaml
var demoTenant []byte

// DemoTenant returns the built-in sample tenant (make demo, gwsaudit audit --demo) as YAML.
func DemoTenant() []byte { return demoTenant }
