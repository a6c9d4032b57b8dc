// Command gwsaudit audits a Google Workspace tenant for the sharing and
// Google Forms settings that leak personal data.
package main

import (
	"os"

	"github.com/gwsaudit/gwsaudit/cmd/cli"
)

func main() {
	os.Exit(cli.Run(os.Args, os.Stdout, os.Stderr))
}
