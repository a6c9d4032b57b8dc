package emulator

import "encoding/json"

// roleRank orders Drive roles; 0 means unknown.
var roleRank = map[string]int{
	"reader": 1, "commenter": 2, "writer": 3, "fileOrganizer": 4, "organizer": 5, "owner": 6,
}

// grant is one merged entry of an item's effective permission list.
type grant struct {
	Permission
	details []detail // shared drives only
}

// detail is one source of a shared-drive grant (permissionDetails).
type detail struct {
	permissionType string // "member" or "file"
	role           string
	inherited      bool
	from           string
}

// effective is the item's permission list as Drive reports it: direct and
// inherited grants merged per principal (highest role wins).
func (ix *index) effective(f *File) []grant {
	var out []grant
	at := map[string]int{}
	add := func(p Permission, d *detail) {
		k := principalKey(p)
		i, ok := at[k]
		if !ok {
			at[k] = len(out)
			g := grant{Permission: p}
			if d != nil {
				g.details = []detail{*d}
			}
			out = append(out, g)
			return
		}
		g := &out[i]
		if roleRank[p.Role] > roleRank[g.Role] {
			g.Role = p.Role
		}
		g.Discoverable = g.Discoverable || p.Discoverable
		if d != nil {
			g.details = append(g.details, *d)
		}
	}
	if f.Drive == "" {
		add(Permission{Type: "user", Role: "owner", Email: f.Owner}, nil)
		for cur := f; cur != nil; cur = ix.files[cur.Parent] {
			for _, p := range cur.Permissions {
				if cur == f || p.View == "" {
					add(p, nil)
				}
			}
			if cur != f && cur.Owner != f.Owner {
				add(Permission{Type: "user", Role: "writer", Email: cur.Owner}, nil)
			}
			if cur.InheritedPermissionsDisabled {
				break
			}
		}
		return out
	}
	if d := ix.drives[f.Drive]; d != nil {
		for _, m := range d.Members {
			add(m, &detail{permissionType: "member", role: m.Role, inherited: true, from: d.ID})
		}
	}
	var chain []*File // ancestors, nearest first, up to a limited-access folder
	if !f.InheritedPermissionsDisabled {
		for cur := ix.files[f.Parent]; cur != nil; cur = ix.files[cur.Parent] {
			chain = append(chain, cur)
			if cur.InheritedPermissionsDisabled {
				break
			}
		}
	}
	for i := len(chain) - 1; i >= 0; i-- {
		for _, p := range chain[i].Permissions {
			if p.View == "" {
				add(p, &detail{permissionType: "file", role: p.Role, inherited: true, from: chain[i].ID})
			}
		}
	}
	for _, p := range f.Permissions {
		add(p, &detail{permissionType: "file", role: p.Role})
	}
	return out
}

// principalKey identifies who a grant is for (and whether it is a view).
func principalKey(p Permission) string {
	return p.Type + "|" + p.Email + "|" + p.Domain + "|" + p.View
}

// permissionID is a stable permission ID in Google's style.
func permissionID(p Permission) string {
	var id string
	switch p.Type {
	case "user", "group":
		id = numericID("perm:" + p.Email)
	case "domain":
		id = numericID("perm:" + p.Domain)[:20] + "k"
	default:
		id = "anyoneWithLink"
		if p.Discoverable {
			id = "anyone"
		}
	}
	if p.View != "" {
		id += "v"
	}
	return id
}

// permissionJSON renders a grant as a Drive permission resource with every
// field, for the generic (map) rendering path. It decodes what the one
// permission serializer, appendPermission, writes.
func (ix *index) permissionJSON(g grant) map[string]any {
	var m map[string]any
	if err := json.Unmarshal(ix.appendPermission(nil, &g, everyPermField), &m); err != nil {
		panic("emulator: appendPermission wrote invalid JSON: " + err.Error())
	}
	return m
}

// everyPermField selects every field of a permission.
var everyPermField = compilePermSel(nil)
