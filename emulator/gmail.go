package emulator

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"net/mail"
	"strings"
	"sync"
)

// Gmail v1 users.messages.send: the owner notices gwsaudit sends as a
// configured sender (`gwsaudit notify --via gmail`). Messages are kept in
// the server's memory for tests (Server.SentMail), apart from the tenant.

// SentMail is one message accepted by users.messages.send.
type SentMail struct {
	ID         string
	Sender     string   // the authenticated user the message was sent as
	Recipients []string // the To, Cc and Bcc addresses
	Raw        []byte   // the RFC 2822 message as received (decoded)
}

// mailStore holds the messages sent through the emulator.
type mailStore struct {
	mu   sync.Mutex
	sent []SentMail
}

// mailStores maps a *Server to its sent messages.
var mailStores sync.Map

func (s *Server) gmailRoutes() {
	st := &mailStore{}
	mailStores.Store(s, st)
	s.mux.Handle("POST /gmail/v1/users/{userId}/messages/send", s.serveAPI(api{name: "gmail.users.messages.send",
		defFields: "id,threadId,labelIds", h: st.send}))
}

// SentMail returns the messages sent through users.messages.send, oldest
// first.
func (s *Server) SentMail() []SentMail {
	v, ok := mailStores.Load(s)
	if !ok {
		return nil
	}
	st := v.(*mailStore)
	st.mu.Lock()
	defer st.mu.Unlock()
	return append([]SentMail(nil), st.sent...)
}

// send is users.messages.send with the message in the JSON body's `raw`
// (base64url). Like Gmail, userId must be "me" or the authenticated user
// (403 "Delegation denied for …" otherwise), and a message without
// recipients is refused.
func (st *mailStore) send(c *call) (map[string]any, *apiError) {
	uid := c.r.PathValue("userId")
	if uid != "me" && !strings.EqualFold(uid, c.user.Email) {
		return nil, errForbidden("forbidden", "Delegation denied for "+c.user.Email)
	}
	req, e := c.body()
	if e != nil {
		return nil, e
	}
	enc, _ := req["raw"].(string)
	if enc == "" {
		// inferred: Gmail's answer to a body without `raw`.
		return nil, errBadRequest("invalidArgument", "'raw' RFC822 payload message string or uploading message via /upload/* URL required", "")
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(enc, "="))
	if err != nil {
		// inferred: the wording of the refusal of a raw that is not base64url.
		return nil, errBadRequest("invalidArgument", "Invalid value for ByteString: "+truncate(enc, 40), "")
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		// inferred: a raw that is not an RFC 2822 message.
		return nil, errBadRequest("invalidArgument", "Invalid RFC 822 message", "")
	}
	var rcpts []string
	for _, h := range []string{"To", "Cc", "Bcc"} {
		if msg.Header.Get(h) == "" {
			continue
		}
		list, err := msg.Header.AddressList(h)
		if err != nil {
			return nil, errBadRequest("invalidArgument", "Invalid "+h+" header", "")
		}
		for _, a := range list {
			rcpts = append(rcpts, strings.ToLower(a.Address))
		}
	}
	if len(rcpts) == 0 {
		return nil, errBadRequest("invalidArgument", "Recipient address required", "")
	}
	id := newMailID()
	st.mu.Lock()
	st.sent = append(st.sent, SentMail{ID: id, Sender: c.user.Email, Recipients: rcpts, Raw: raw})
	st.mu.Unlock()
	return map[string]any{"id": id, "threadId": id, "labelIds": []any{"SENT"}}, nil
}

// newMailID is a message ID shaped like Gmail's (16 hex digits).
func newMailID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
