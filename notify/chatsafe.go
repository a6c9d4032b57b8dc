package notify

import (
	"strings"

	"github.com/gwsaudit/gwsaudit/report"
)

// chatEscaper escapes the three characters Slack mrkdwn and Google Chat
// text read as markup: <…> makes a link (<https://x|text>) or a mention
// (<!channel>, <users/all>), and & starts an entity.
var chatEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// chatSafe makes a value from a run (a domain, check ID, title, item ID)
// plain text in a chat message: markup escaped, and control characters
// (a newline would forge a line of the summary) and bidi overrides
// replaced, as on the console.
func chatSafe(s string) string {
	return chatEscaper.Replace(report.TermSafe(s))
}
