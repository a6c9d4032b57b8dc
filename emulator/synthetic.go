package emulator

import "fmt"

// SyntheticSpec sizes a generated tenant for benchmarks.
type SyntheticSpec struct {
	Users         int // users with a My Drive (an admin is added)
	ItemsPerUser  int // files per user, besides folders and forms
	SharedDrives  int
	ItemsPerDrive int
}

// SyntheticDomain is the primary domain of generated tenants.
const SyntheticDomain = "bench.example.jp"

// Synthetic builds a deterministic tenant of the given size together with
// the number of findings each check must report on it, known by
// construction:
//
//   - every 10th user has a folder shared with anyone with the link: one
//     SHARE-002 on the folder, however many files it holds;
//   - half of each user's files sit at the My Drive root: every 400th of them
//     is link-shared (SHARE-002), every 1000th has an outside editor
//     (SHARE-005), every 2000th a gmail.com reader (SHARE-005, free mail);
//   - the other half sit in folders: in private folders every 800th is
//     link-shared (SHARE-002 and SHARE-008: more open than its folder);
//   - every 5th user owns a form anyone can answer whose summary is
//     published, asking nothing personal (FORM-001);
//   - every 50th item of a shared drive has an outside reader of its own
//     (SHARE-005 and SHARE-008).
//
// Names avoid every personal-data keyword, so no severity is raised.
func Synthetic(spec SyntheticSpec) (*Tenant, map[string]int) {
	t := &Tenant{CustomerID: "Cbench", PrimaryDomain: SyntheticDomain,
		Users: []User{{Email: "admin@" + SyntheticDomain, Name: "admin", Admin: true}}}
	want := map[string]int{}
	t.Files = make([]File, 0, spec.Users*(spec.ItemsPerUser+spec.ItemsPerUser/100+2)+spec.SharedDrives*(spec.ItemsPerDrive+1))
	for u := range spec.Users {
		syntheticUser(t, want, u, spec.ItemsPerUser)
	}
	for d := range spec.SharedDrives {
		syntheticDrive(t, want, d, spec.ItemsPerDrive, spec.Users)
	}
	return t, want
}

func syntheticUser(t *Tenant, want map[string]int, u, n int) {
	owner := fmt.Sprintf("user%05d@%s", u, SyntheticDomain)
	t.Users = append(t.Users, User{Email: owner})
	folders := max(1, n/100)
	publicFolder := u%10 == 0
	for k := range folders {
		f := File{ID: fmt.Sprintf("u%05d-fo%03d", u, k), Name: fmt.Sprintf("folder%03d", k), Kind: "folder", Owner: owner}
		if k == 0 && publicFolder {
			f.Permissions = []Permission{{Type: "anyone", Role: "reader"}}
			want["SHARE-002"]++
		}
		t.Files = append(t.Files, f)
	}
	for i := range n {
		f := File{ID: fmt.Sprintf("u%05d-f%06d", u, i), Name: fmt.Sprintf("memo%06d.txt", i), Kind: "file", Owner: owner}
		if i%2 == 0 {
			switch {
			case i%400 == 2:
				f.Permissions = []Permission{{Type: "anyone", Role: "reader"}}
				want["SHARE-002"]++
			case i%1000 == 4:
				f.Permissions = []Permission{{Type: "user", Role: "writer", Email: fmt.Sprintf("vendor%d@partner-bench.example.com", u%7)}}
				want["SHARE-005"]++
			case i%2000 == 6:
				f.Permissions = []Permission{{Type: "user", Role: "reader", Email: fmt.Sprintf("staff%d.private@gmail.com", u)}}
				want["SHARE-005"]++
			}
		} else {
			k := (i / 2) % folders
			f.Parent = fmt.Sprintf("u%05d-fo%03d", u, k)
			if !(k == 0 && publicFolder) && i%800 == 1 {
				f.Permissions = []Permission{{Type: "anyone", Role: "reader"}}
				want["SHARE-002"]++
				want["SHARE-008"]++
			}
		}
		t.Files = append(t.Files, f)
	}
	if u%5 == 0 {
		t.Files = append(t.Files, File{ID: fmt.Sprintf("u%05d-form", u), Name: fmt.Sprintf("survey%05d", u), Kind: "form", Owner: owner,
			Permissions: []Permission{{Type: "anyone", Role: "reader", View: "published"}},
			Form:        &Form{Questions: []string{"好きな色", "感想"}, SummaryPublished: true}})
		want["FORM-001"]++
	}
}

func syntheticDrive(t *Tenant, want map[string]int, d, n, users int) {
	id := fmt.Sprintf("drive%03d", d)
	members := []Permission{{Type: "user", Role: "organizer", Email: "admin@" + SyntheticDomain}}
	if users > 0 {
		members = append(members, Permission{Type: "user", Role: "reader", Email: fmt.Sprintf("user%05d@%s", d%users, SyntheticDomain)})
	}
	t.SharedDrives = append(t.SharedDrives, SharedDrive{ID: id, Name: fmt.Sprintf("shared%03d", d), Members: members})
	folder := id + "-fo"
	t.Files = append(t.Files, File{ID: folder, Name: "workspace", Kind: "folder", Drive: id})
	for i := range n {
		f := File{ID: fmt.Sprintf("%s-f%06d", id, i), Name: fmt.Sprintf("sheet%06d", i), Kind: "spreadsheet", Drive: id, Parent: folder}
		if i%50 == 9 {
			f.Permissions = []Permission{{Type: "user", Role: "reader", Email: fmt.Sprintf("auditor%d@outside-bench.example.com", d)}}
			want["SHARE-005"]++
			want["SHARE-008"]++
		}
		t.Files = append(t.Files, f)
	}
}
