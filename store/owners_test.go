package store_test

import (
	"context"
	"slices"
	"testing"
)

// A resolved finding keeps the owner's name and org unit and the shared
// drive's name and managers it was recorded with (the store keeps the
// resource as JSON: no column, no migration), so the next night's "fixed"
// list still says whose it was.
func TestResolvedKeepsOwnerAndDrive(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	mine, drive, plain := fileFinding("mine"), fileFinding("ondrive"), fileFinding("plain")
	mine.Resource.Owner, mine.Resource.OwnerName, mine.Resource.OwnerOrgUnit = "sato@city.example.jp", "佐藤 健", "/本庁/市民課"
	drive.Resource.DriveID, drive.Resource.DriveName, drive.Resource.DriveManagers = "drv", "教務課", []string{"a@city.example.jp", "b@city.example.jp"}
	if err := st.Record(ctx, tenantDoc("city.example.jp", 1, mine, drive, plain), 0); err != nil {
		t.Fatal(err)
	}
	next := tenantDoc("city.example.jp", 2)
	if err := st.Record(ctx, next, 0); err != nil {
		t.Fatal(err)
	}
	if len(next.Resolved) != 3 {
		t.Fatalf("resolved %+v", next.Resolved)
	}
	for _, r := range next.Resolved {
		got := r.Resource
		switch got.ID {
		case "mine":
			if got.OwnerName != "佐藤 健" || got.OwnerOrgUnit != "/本庁/市民課" {
				t.Errorf("mine: %+v", got)
			}
		case "ondrive":
			if got.DriveName != "教務課" || !slices.Equal(got.DriveManagers, []string{"a@city.example.jp", "b@city.example.jp"}) {
				t.Errorf("ondrive: %+v", got)
			}
		default:
			if got.OwnerName != "" || got.DriveName != "" || got.DriveManagers != nil {
				t.Errorf("plain: %+v", got)
			}
		}
	}
}
