// Package notify tells the owners of exposed items what to fix: one message
// per owner, in the owner's language, listing only that owner's findings
// with the steps to close them (the report catalog's text) and a link to
// each item. Messages are RFC 5322 mail, sent over SMTP, through the Gmail
// API (a Sender the caller supplies) or written as .eml files. It also
// posts the admin's short summary of a scheduled run to a chat webhook.
package notify
