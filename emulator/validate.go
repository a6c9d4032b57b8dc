package emulator

import (
	"cmp"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
)

// Mime types of the kind shorthands.
var kindMime = map[string]string{
	"folder":      "application/vnd.google-apps.folder",
	"form":        "application/vnd.google-apps.form",
	"spreadsheet": "application/vnd.google-apps.spreadsheet",
	"document":    "application/vnd.google-apps.document",
	"pdf":         "application/pdf",
	"file":        "application/octet-stream",
}

const (
	mimeFolder = "application/vnd.google-apps.folder"
	mimeForm   = "application/vnd.google-apps.form"
)

var (
	permTypes   = map[string]bool{"user": true, "group": true, "domain": true, "anyone": true}
	memberRoles = map[string]bool{"organizer": true, "fileOrganizer": true, "writer": true, "commenter": true, "reader": true}
	emailModes  = map[string]bool{"": true, "DO_NOT_COLLECT": true, "VERIFIED": true, "RESPONDER_INPUT": true}
	signInModes = map[string]bool{"": true, "none": true, "any": true, "domain": true}
)

// normalize lower-cases addresses, fills in defaults and checks references.
func (t *Tenant) normalize() error {
	t.PrimaryDomain = strings.ToLower(strings.TrimSpace(t.PrimaryDomain))
	if t.PrimaryDomain == "" {
		return fmt.Errorf("primary_domain is required")
	}
	if t.CustomerID == "" {
		t.CustomerID = "C0" + hashHex(t.PrimaryDomain)[:7]
	}
	for i, d := range t.Domains {
		t.Domains[i] = strings.ToLower(d)
	}
	if err := t.normalizeAliases(); err != nil {
		return err
	}
	ids := map[string]string{} // every e-mail and ID → what it names
	claim := func(key, what string) error {
		if prev, dup := ids[key]; dup {
			return fmt.Errorf("%s %q: ID or address already used by a %s", what, key, prev)
		}
		ids[key] = what
		return nil
	}
	users := map[string]bool{}
	for i := range t.Users {
		u := &t.Users[i]
		u.Email = strings.ToLower(strings.TrimSpace(u.Email))
		if !strings.Contains(u.Email, "@") {
			return fmt.Errorf("users[%d]: email %q is not an address", i, u.Email)
		}
		if err := claim(u.Email, "user"); err != nil {
			return err
		}
		if u.OrgUnit == "" {
			u.OrgUnit = "/"
		}
		users[u.Email] = true
	}
	for i := range t.Groups {
		g := &t.Groups[i]
		g.Email = strings.ToLower(strings.TrimSpace(g.Email))
		if !strings.Contains(g.Email, "@") {
			return fmt.Errorf("groups[%d]: email %q is not an address", i, g.Email)
		}
		if err := claim(g.Email, "group"); err != nil {
			return err
		}
		if err := validGroupSettings(g); err != nil {
			return fmt.Errorf("groups[%d] (%s): %w", i, g.Email, err)
		}
		for j, m := range g.Members {
			g.Members[j] = strings.ToLower(strings.TrimSpace(m))
		}
	}
	drives := map[string]bool{}
	for i := range t.SharedDrives {
		d := &t.SharedDrives[i]
		if d.ID == "" {
			return fmt.Errorf("shared_drives[%d]: id is required", i)
		}
		if err := claim(d.ID, "shared drive"); err != nil {
			return err
		}
		for j := range d.Members {
			p := &d.Members[j]
			if err := p.normalize(); err != nil {
				return fmt.Errorf("shared drive %s: members[%d]: %w", d.ID, j, err)
			}
			if !memberRoles[p.Role] || (p.Type != "user" && p.Type != "group") {
				return fmt.Errorf("shared drive %s: members[%d]: want a user or group with role organizer, fileOrganizer, writer, commenter or reader", d.ID, j)
			}
		}
		drives[d.ID] = true
	}
	if err := t.normalizeFiles(claim, users, drives); err != nil {
		return err
	}
	if err := t.normalizePolicy(); err != nil {
		return err
	}
	return t.normalizeRest()
}

// normalizeAliases checks that each alias names a new domain and has one of
// the tenant's domains as its parent.
func (t *Tenant) normalizeAliases() error {
	known := map[string]bool{t.PrimaryDomain: true}
	for _, d := range t.Domains {
		known[d] = true
	}
	for i := range t.DomainAliases {
		a := &t.DomainAliases[i]
		a.Alias, a.Parent = strings.ToLower(strings.TrimSpace(a.Alias)), strings.ToLower(strings.TrimSpace(a.Parent))
		switch {
		case a.Alias == "" || known[a.Alias]:
			return fmt.Errorf("domain_aliases[%d]: alias %q is empty or already a domain or alias", i, a.Alias)
		case a.Parent != t.PrimaryDomain && !slices.Contains(t.Domains, a.Parent):
			return fmt.Errorf("domain_aliases[%d]: parent %q is not one of the tenant's domains", i, a.Parent)
		}
		known[a.Alias] = true
	}
	return nil
}

// normalizeFiles checks Drive items: kinds, owners, drives and parents.
func (t *Tenant) normalizeFiles(claim func(string, string) error, users, drives map[string]bool) error {
	files := map[string]*File{}
	published := map[string]string{}
	for i := range t.Files {
		f := &t.Files[i]
		if f.ID == "" {
			return fmt.Errorf("files[%d]: id is required", i)
		}
		if strings.HasPrefix(f.ID, "root-") {
			return fmt.Errorf("file %s: IDs starting with root- are reserved", f.ID)
		}
		if err := claim(f.ID, "file"); err != nil {
			return err
		}
		files[f.ID] = f
		if f.Kind == "" && f.MimeType == "" {
			f.Kind = "file"
		}
		if f.Kind != "" {
			m, ok := kindMime[f.Kind]
			if !ok {
				return fmt.Errorf("file %s: unknown kind %q", f.ID, f.Kind)
			}
			if f.MimeType == "" {
				f.MimeType = m
			}
		}
		f.Owner = strings.ToLower(strings.TrimSpace(f.Owner))
		switch {
		case f.Owner != "" && f.Drive != "":
			return fmt.Errorf("file %s: set owner (My Drive) or drive (shared drive), not both", f.ID)
		case f.Drive != "" && !drives[f.Drive]:
			return fmt.Errorf("file %s: shared drive %q does not exist", f.ID, f.Drive)
		case f.Drive == "" && !users[f.Owner]:
			return fmt.Errorf("file %s: owner %q is not a user", f.ID, f.Owner)
		}
		for j := range f.Permissions {
			if err := f.Permissions[j].normalize(); err != nil {
				return fmt.Errorf("file %s: permissions[%d]: %w", f.ID, j, err)
			}
			// Drive: "The metadata view is only supported on folders", of
			// limited access.
			if f.Permissions[j].View == "metadata" && (f.MimeType != mimeFolder || !f.InheritedPermissionsDisabled) {
				return fmt.Errorf("file %s: permissions[%d]: view metadata needs a limited-access folder (inherited_permissions_disabled)", f.ID, j)
			}
		}
		if f.MimeType == mimeForm && f.Form == nil {
			f.Form = &Form{}
		}
		if f.Form != nil {
			if err := f.normalizeForm(published); err != nil {
				return err
			}
		}
	}
	for _, f := range files {
		if f.Parent == "" {
			continue
		}
		p, ok := files[f.Parent]
		switch {
		case !ok:
			return fmt.Errorf("file %s: parent %q does not exist", f.ID, f.Parent)
		case p.MimeType != mimeFolder:
			return fmt.Errorf("file %s: parent %q is not a folder", f.ID, f.Parent)
		case p.Drive != f.Drive:
			return fmt.Errorf("file %s: parent %q is in another drive", f.ID, f.Parent)
		}
		seen := map[string]bool{f.ID: true}
		for q := p; q != nil; q = files[q.Parent] {
			if seen[q.ID] {
				return fmt.Errorf("file %s: parent cycle through %s", f.ID, q.ID)
			}
			seen[q.ID] = true
		}
	}
	return nil
}

// normalizeForm fills a form's defaults and checks its settings.
func (f *File) normalizeForm(published map[string]string) error {
	fm := f.Form
	if f.MimeType != mimeForm {
		return fmt.Errorf("file %s: form settings on a non-form item", f.ID)
	}
	if fm.Title == "" {
		fm.Title = f.Name
	}
	if fm.PublishedID == "" {
		fm.PublishedID = derivePublishedID(f.ID)
	}
	if prev, dup := published[fm.PublishedID]; dup {
		return fmt.Errorf("file %s: published_id %q already used by %s", f.ID, fm.PublishedID, prev)
	}
	published[fm.PublishedID] = f.ID
	if fm.EmailCollection == "" {
		fm.EmailCollection = "DO_NOT_COLLECT"
	}
	if !emailModes[fm.EmailCollection] {
		return fmt.Errorf("file %s: unknown email_collection %q", f.ID, fm.EmailCollection)
	}
	if !signInModes[fm.SignIn] {
		return fmt.Errorf("file %s: unknown sign_in %q (want none, any or domain)", f.ID, fm.SignIn)
	}
	for _, p := range f.Permissions {
		if fm.SignIn == "domain" && p.View == "published" && p.Type == "anyone" {
			return fmt.Errorf("file %s: sign_in domain contradicts the anyone responder grant", f.ID)
		}
	}
	return nil
}

// normalizeRest checks audit events, service accounts and site paths.
func (t *Tenant) normalizeRest() error {
	for i := range t.AuditEvents {
		e := &t.AuditEvents[i]
		e.Actor = strings.ToLower(e.Actor)
		e.TargetUser = strings.ToLower(e.TargetUser)
		if e.Time.IsZero() || e.Name == "" || e.DocID == "" {
			return fmt.Errorf("audit_events[%d]: time, name and doc_id are required", i)
		}
		if e.Type == "" {
			e.Type = "acl_change"
		}
		if e.Name == "shared_drive_membership_change" {
			e.DocType = cmp.Or(e.DocType, "shared_drive")
			e.SharedDriveID = cmp.Or(e.SharedDriveID, e.DocID)
		}
	}
	for i := range t.ServiceAccounts {
		sa := &t.ServiceAccounts[i]
		if _, err := parsePublicKey(sa.PublicKeyPEM); err != nil {
			return fmt.Errorf("service account %q: %w", sa.ClientEmail, err)
		}
	}
	for p := range t.Site {
		if !strings.HasPrefix(p, "/") {
			return fmt.Errorf("site: path %q must start with /", p)
		}
	}
	return nil
}

// normalize checks one grant and lower-cases its address.
func (p *Permission) normalize() error {
	p.Email = strings.ToLower(strings.TrimSpace(p.Email))
	p.Domain = strings.ToLower(strings.TrimSpace(p.Domain))
	if !permTypes[p.Type] {
		return fmt.Errorf("unknown type %q", p.Type)
	}
	if roleRank[p.Role] == 0 {
		return fmt.Errorf("unknown role %q", p.Role)
	}
	switch p.Type {
	case "user", "group":
		if !strings.Contains(p.Email, "@") {
			return fmt.Errorf("%s grant needs an email", p.Type)
		}
	case "domain":
		if p.Domain == "" {
			return fmt.Errorf("domain grant needs a domain")
		}
	}
	if p.Deleted && p.Type != "user" && p.Type != "group" {
		return fmt.Errorf("deleted applies to user and group grants only")
	}
	if p.View != "" && p.View != "published" && p.View != "metadata" {
		return fmt.Errorf("unknown view %q", p.View)
	}
	return nil
}

// derivePublishedID makes a stable, Google-looking published form ID.
func derivePublishedID(id string) string {
	sum := sha256.Sum256([]byte("published:" + id))
	return "1FAIpQLS" + base64.RawURLEncoding.EncodeToString(sum[:])[:40] + "Q"
}

// hashHex is a stable hex digest used for derived IDs.
func hashHex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// groupSettingValues are the Groups Settings API's values of each setting
// the tenant file may set.
var groupSettingValues = map[string][]string{
	"who_can_join":            {"ANYONE_CAN_JOIN", "ALL_IN_DOMAIN_CAN_JOIN", "INVITED_CAN_JOIN", "CAN_REQUEST_TO_JOIN"},
	"who_can_view_group":      {"ANYONE_CAN_VIEW", "ALL_IN_DOMAIN_CAN_VIEW", "ALL_MEMBERS_CAN_VIEW", "ALL_MANAGERS_CAN_VIEW", "ALL_OWNERS_CAN_VIEW"},
	"who_can_view_membership": {"ANYONE_CAN_VIEW", "ALL_IN_DOMAIN_CAN_VIEW", "ALL_MEMBERS_CAN_VIEW", "ALL_MANAGERS_CAN_VIEW", "ALL_OWNERS_CAN_VIEW"},
	"who_can_post_message":    {"NONE_CAN_POST", "ALL_MANAGERS_CAN_POST", "ALL_MEMBERS_CAN_POST", "ALL_OWNERS_CAN_POST", "ALL_IN_DOMAIN_CAN_POST", "ANYONE_CAN_POST"},
}

// validGroupSettings refuses a group setting Google does not have.
func validGroupSettings(g *Group) error {
	for key, v := range map[string]string{"who_can_join": g.WhoCanJoin, "who_can_view_group": g.WhoCanViewGroup,
		"who_can_view_membership": g.WhoCanViewMembership, "who_can_post_message": g.WhoCanPostMessage} {
		if v != "" && !slices.Contains(groupSettingValues[key], v) {
			return fmt.Errorf("%s %q is not one of %s", key, v, strings.Join(groupSettingValues[key], ", "))
		}
	}
	return nil
}
