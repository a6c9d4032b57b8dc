package emulator

import (
	"encoding/json"
	"sync"
	"unicode/utf8"
)

// The hot list methods (files.list, permissions.list) render straight to
// JSON bytes instead of building map[string]any, filtering it with the
// `fields` mask and marshalling it by reflection. The output is byte for
// byte what json.Marshal(mask.apply(fileJSON(…))) gives — keys in sorted
// order, only the selected ones, the same escaping — which
// perfjson_test.go checks against the map-based renderers for many masks.
// Key lists below are in the byte order json.Marshal sorts map keys in.

// fileKeys are the keys of a Drive file resource (fileJSON).
var fileKeys = []string{"createdTime", "driveId", "hasAugmentedPermissions", "id", "inheritedPermissionsDisabled", "kind",
	"mimeType", "modifiedTime", "name", "ownedByMe", "owners", "parents", "permissions", "shared", "spaces", "starred",
	"teamDriveId", "trashed", "viewersCanCopyContent", "webViewLink", "writersCanShare"}

const (
	fCreatedTime = iota
	fDriveID
	fHasAugmentedPermissions
	fID
	fInheritedPermissionsDisabled
	fKind
	fMimeType
	fModifiedTime
	fName
	fOwnedByMe
	fOwners
	fParents
	fPermissions
	fShared
	fSpaces
	fStarred
	fTeamDriveID
	fTrashed
	fViewersCanCopyContent
	fWebViewLink
	fWritersCanShare
)

// ownerKeys are the keys of a file's owners[] entry.
var ownerKeys = []string{"displayName", "emailAddress", "kind", "me", "permissionId"}

const (
	oDisplayName = iota
	oEmailAddress
	oKind
	oMe
	oPermissionID
)

// permKeys are the keys of a permission resource.
var permKeys = []string{"allowFileDiscovery", "deleted", "displayName", "domain", "emailAddress", "expirationTime", "id", "kind",
	"permissionDetails", "role", "type", "view"}

const (
	pAllowFileDiscovery = iota
	pDeleted
	pDisplayName
	pDomain
	pEmailAddress
	pExpirationTime
	pID
	pKind
	pPermissionDetails
	pRole
	pType
	pView
)

// detailKeys are the keys of a permissionDetails[] entry.
var detailKeys = []string{"inherited", "inheritedFrom", "permissionType", "role"}

const (
	dInherited = iota
	dInheritedFrom
	dPermissionType
	dRole
)

// keySet is a mask compiled against one resource's keys: bit i is set when
// keys[i] is selected.
type keySet uint32

func (s keySet) has(i int) bool { return s&(1<<i) != 0 }

// compileKeys applies m to a resource with the given keys, as mask.apply
// would: the selected keys and the mask below each (nil = whole).
func compileKeys(m *mask, keys []string) (keySet, []*mask) {
	subs := make([]*mask, len(keys))
	if m == nil || m.all {
		return 1<<len(keys) - 1, subs
	}
	var on keySet
	for i, k := range keys {
		if sub, ok := m.sub[k]; ok {
			on |= 1 << i
			subs[i] = sub
		}
	}
	return on, subs
}

// permSel is a compiled mask for a permission resource.
type permSel struct {
	on      keySet
	details keySet
}

func compilePermSel(m *mask) permSel {
	on, subs := compileKeys(m, permKeys)
	details, _ := compileKeys(subs[pPermissionDetails], detailKeys)
	return permSel{on: on, details: details}
}

// fileSel is a compiled mask for a file resource.
type fileSel struct {
	on     keySet
	owners keySet
	perms  permSel
}

func compileFileSel(m *mask) fileSel {
	on, subs := compileKeys(m, fileKeys)
	owners, _ := compileKeys(subs[fOwners], ownerKeys)
	return fileSel{on: on, owners: owners, perms: compilePermSel(subs[fPermissions])}
}

// pick is mask.apply's choice for one key of an object: whether it is
// kept and the mask below it.
func pick(m *mask, key string) (bool, *mask) {
	if m == nil || m.all {
		return true, nil
	}
	sub, ok := m.sub[key]
	return ok, sub
}

// appendKey starts a member of the object being written.
func appendKey(b []byte, key string) []byte {
	if b[len(b)-1] != '{' {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, key...)
	return append(b, '"', ':')
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, "true"...)
	}
	return append(b, "false"...)
}

// jsonSafeASCII marks the ASCII bytes json.Marshal writes as they are.
var jsonSafeASCII = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// jsonSafe reports whether s needs no escaping as json.Marshal escapes
// strings (HTML characters included).
func jsonSafe(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !jsonSafeASCII[c] {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
}

// appendString appends s as a JSON string, exactly as json.Marshal does.
func appendString(b []byte, s string) []byte {
	if !jsonSafe(s) {
		enc, _ := json.Marshal(s)
		return append(b, enc...)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendString3 appends the JSON string pre+s+post.
func appendString3(b []byte, pre, s, post string) []byte {
	if !jsonSafe(pre) || !jsonSafe(s) || !jsonSafe(post) {
		return appendString(b, pre+s+post)
	}
	b = append(b, '"')
	b = append(b, pre...)
	b = append(b, s...)
	b = append(b, post...)
	return append(b, '"')
}

// appendFile writes an item as fileJSON renders it, filtered by s.
func (ix *index) appendFile(b []byte, f *File, caller string, o renderOpts, s *fileSel) []byte {
	b = append(b, '{')
	myDrive := f.Drive == ""
	if s.on.has(fCreatedTime) {
		b = appendKey(b, "createdTime")
		b = appendTime(b, f)
	}
	if !myDrive {
		if s.on.has(fDriveID) {
			b = appendKey(b, "driveId")
			b = appendString(b, f.Drive)
		}
		if s.on.has(fHasAugmentedPermissions) {
			b = appendKey(b, "hasAugmentedPermissions")
			b = appendBool(b, len(f.Permissions) > 0)
		}
	}
	if s.on.has(fID) {
		b = appendKey(b, "id")
		b = appendString(b, f.ID)
	}
	if s.on.has(fInheritedPermissionsDisabled) && f.MimeType == mimeFolder {
		b = appendKey(b, "inheritedPermissionsDisabled")
		b = appendBool(b, f.InheritedPermissionsDisabled)
	}
	if s.on.has(fKind) {
		b = appendKey(b, "kind")
		b = append(b, `"drive#file"`...)
	}
	if s.on.has(fMimeType) {
		b = appendKey(b, "mimeType")
		b = appendString(b, f.MimeType)
	}
	if s.on.has(fModifiedTime) {
		b = appendKey(b, "modifiedTime")
		b = appendTime(b, f)
	}
	if s.on.has(fName) {
		b = appendKey(b, "name")
		b = appendString(b, f.Name)
	}
	if myDrive {
		if s.on.has(fOwnedByMe) {
			b = appendKey(b, "ownedByMe")
			b = appendBool(b, f.Owner == caller)
		}
		if s.on.has(fOwners) {
			b = appendKey(b, "owners")
			b = append(b, '[')
			b = ix.appendOwner(b, f.Owner, caller, s.owners)
			b = append(b, ']')
		}
	}
	if s.on.has(fParents) {
		b = appendKey(b, "parents")
		b = append(b, '[')
		switch {
		case f.Parent != "":
			b = appendString(b, f.Parent)
		case f.Drive != "":
			b = appendString(b, f.Drive)
		default:
			b = appendString(b, rootID(f.Owner))
		}
		b = append(b, ']')
	}
	var eff []grant
	if myDrive && (s.on.has(fShared) || (s.on.has(fPermissions) && o.permissions)) {
		eff = ix.grants(f)
	}
	if myDrive && s.on.has(fPermissions) && o.permissions && ix.roleIn(eff, caller) >= roleRank["writer"] {
		b = appendKey(b, "permissions")
		b = append(b, '[')
		n := 0
		for i := range eff {
			if g := &eff[i]; g.View != "published" || o.published {
				if n > 0 {
					b = append(b, ',')
				}
				n++
				b = ix.appendPermission(b, g, s.perms)
			}
		}
		b = append(b, ']')
	}
	if s.on.has(fShared) {
		b = appendKey(b, "shared")
		b = appendBool(b, len(eff) > 1 || !myDrive)
	}
	if s.on.has(fSpaces) {
		b = appendKey(b, "spaces")
		b = append(b, `["drive"]`...)
	}
	if s.on.has(fStarred) {
		b = appendKey(b, "starred")
		b = append(b, "false"...)
	}
	if !myDrive && s.on.has(fTeamDriveID) {
		b = appendKey(b, "teamDriveId")
		b = appendString(b, f.Drive)
	}
	if s.on.has(fTrashed) {
		b = appendKey(b, "trashed")
		b = appendBool(b, f.Trashed)
	}
	if s.on.has(fViewersCanCopyContent) {
		b = appendKey(b, "viewersCanCopyContent")
		b = append(b, "true"...)
	}
	if s.on.has(fWebViewLink) {
		b = appendKey(b, "webViewLink")
		pre, post := webViewLinkParts(f)
		b = appendString3(b, pre, f.ID, post)
	}
	if s.on.has(fWritersCanShare) {
		b = appendKey(b, "writersCanShare")
		b = append(b, "true"...)
	}
	return append(b, '}')
}

func appendTime(b []byte, f *File) []byte {
	b = append(b, '"')
	b = modified(f).UTC().AppendFormat(b, googleTimeLayout)
	return append(b, '"')
}

// appendOwner writes a file's owners[] entry.
func (ix *index) appendOwner(b []byte, owner, caller string, on keySet) []byte {
	b = append(b, '{')
	if on.has(oDisplayName) {
		if u := ix.users[owner]; u != nil && u.Name != "" {
			b = appendKey(b, "displayName")
			b = appendString(b, u.Name)
		}
	}
	if on.has(oEmailAddress) {
		b = appendKey(b, "emailAddress")
		b = appendString(b, owner)
	}
	if on.has(oKind) {
		b = appendKey(b, "kind")
		b = append(b, `"drive#user"`...)
	}
	if on.has(oMe) {
		b = appendKey(b, "me")
		b = appendBool(b, owner == caller)
	}
	if on.has(oPermissionID) {
		b = appendKey(b, "permissionId")
		b = appendString(b, ix.permID(Permission{Type: "user", Email: owner}))
	}
	return append(b, '}')
}

// appendPermission writes a grant as a Drive permission resource, filtered
// by s: the emulator's one permission serializer.
func (ix *index) appendPermission(b []byte, g *grant, s permSel) []byte {
	b = append(b, '{')
	person := g.Type == "user" || g.Type == "group"
	if s.on.has(pAllowFileDiscovery) && (g.Type == "domain" || g.Type == "anyone") {
		b = appendKey(b, "allowFileDiscovery")
		b = appendBool(b, g.Discoverable)
	}
	if s.on.has(pDeleted) {
		b = appendKey(b, "deleted")
		b = appendBool(b, g.Deleted)
	}
	if s.on.has(pDisplayName) {
		switch {
		case person:
			if u := ix.users[g.Email]; u != nil && u.Name != "" {
				b = appendKey(b, "displayName")
				b = appendString(b, u.Name)
			} else if gr := ix.groups[g.Email]; gr != nil && gr.Name != "" {
				b = appendKey(b, "displayName")
				b = appendString(b, gr.Name)
			}
		case g.Type == "domain":
			b = appendKey(b, "displayName")
			b = appendString(b, g.Domain)
		}
	}
	if s.on.has(pDomain) {
		switch {
		case person:
			b = appendKey(b, "domain")
			b = appendString(b, domainOf(g.Email))
		case g.Type == "domain":
			b = appendKey(b, "domain")
			b = appendString(b, g.Domain)
		}
	}
	if s.on.has(pEmailAddress) && person {
		b = appendKey(b, "emailAddress")
		b = appendString(b, g.Email)
	}
	if s.on.has(pExpirationTime) && g.Expiration != "" {
		b = appendKey(b, "expirationTime")
		b = appendString(b, g.Expiration)
	}
	if s.on.has(pID) {
		b = appendKey(b, "id")
		b = appendString(b, ix.permID(g.Permission))
	}
	if s.on.has(pKind) {
		b = appendKey(b, "kind")
		b = append(b, `"drive#permission"`...)
	}
	if s.on.has(pPermissionDetails) && g.details != nil {
		b = appendKey(b, "permissionDetails")
		b = append(b, '[')
		for i := range g.details {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendDetail(b, &g.details[i], s.details)
		}
		b = append(b, ']')
	}
	if s.on.has(pRole) {
		b = appendKey(b, "role")
		b = appendString(b, g.Role)
	}
	if s.on.has(pType) {
		b = appendKey(b, "type")
		b = appendString(b, g.Type)
	}
	if s.on.has(pView) && g.View != "" {
		b = appendKey(b, "view")
		b = appendString(b, g.View)
	}
	return append(b, '}')
}

func appendDetail(b []byte, d *detail, on keySet) []byte {
	b = append(b, '{')
	if on.has(dInherited) {
		b = appendKey(b, "inherited")
		b = appendBool(b, d.inherited)
	}
	if on.has(dInheritedFrom) && d.from != "" {
		b = appendKey(b, "inheritedFrom")
		b = appendString(b, d.from)
	}
	if on.has(dPermissionType) {
		b = appendKey(b, "permissionType")
		b = appendString(b, d.permissionType)
	}
	if on.has(dRole) {
		b = appendKey(b, "role")
		b = appendString(b, d.role)
	}
	return append(b, '}')
}

// bufs recycles the buffers rendered answers are written into.
var bufs = sync.Pool{New: func() any { return new([]byte) }}

// getBuf returns an empty buffer; putBuf gives it back once written.
func getBuf() []byte { return (*bufs.Get().(*[]byte))[:0] }

func putBuf(b []byte) {
	if cap(b) > 4<<20 {
		return // keep the pool from pinning huge buffers
	}
	b = b[:0]
	bufs.Put(&b)
}
