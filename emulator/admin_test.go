package emulator_test

import (
	"context"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/emulator"
	admin "google.golang.org/api/admin/directory/v1"
	reports "google.golang.org/api/admin/reports/v1"
	"google.golang.org/api/groupssettings/v1"
)

func directoryAs(t *testing.T, base, who string) *admin.Service {
	t.Helper()
	svc, err := admin.NewService(context.Background(), opts(base, "/", who)...)
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

func TestDirectory(t *testing.T) {
	_, base := serve(t, testTenant(t), emulator.Options{})
	dir := directoryAs(t, base, "admin@example.jp")
	users, err := dir.Users.List().Customer("my_customer").MaxResults(500).OrderBy("email").Projection("basic").Do()
	if err != nil {
		t.Fatal(err)
	}
	if len(users.Users) != 5 {
		t.Fatalf("%d users", len(users.Users))
	}
	byMail := map[string]*admin.User{}
	for _, u := range users.Users {
		byMail[u.PrimaryEmail] = u
	}
	if u := byMail["admin@example.jp"]; u == nil || !u.IsAdmin || u.Name.FullName != "Admin Kanri" || u.Id == "" {
		t.Errorf("admin = %+v", u)
	}
	if u := byMail["tanaka@example.jp"]; !u.Suspended {
		t.Error("tanaka not suspended")
	}
	if u := byMail["kimura@example.jp"]; u.OrgUnitPath != "/Sales" {
		t.Errorf("org unit %q", u.OrgUnitPath)
	}
	active, err := dir.Users.List().Customer("my_customer").Query("isSuspended=false").Do()
	if err != nil || len(active.Users) != 4 {
		t.Errorf("isSuspended=false: %v %v", active, err)
	}

	doms, err := dir.Domains.List("my_customer").Do()
	if err != nil || len(doms.Domains) != 2 || doms.Domains[0].DomainName != "example.jp" || !doms.Domains[0].IsPrimary || !doms.Domains[1].Verified {
		t.Errorf("domains = %+v, %v", doms, err)
	}
	groups, err := dir.Groups.List().Customer("my_customer").Do()
	if err != nil || len(groups.Groups) != 1 || groups.Groups[0].Email != "sales@example.jp" {
		t.Fatalf("groups = %+v, %v", groups, err)
	}
	members, err := dir.Members.List("sales@example.jp").Do()
	if err != nil || len(members.Members) != 2 || members.Members[1].Email != "partner@partner.example" {
		t.Errorf("members = %+v, %v", members, err)
	}

	// Only admins may read the directory.
	_, err = directoryAs(t, base, "sato@example.jp").Users.List().Customer("my_customer").Do()
	if ge := wantAPIError(t, err, 403, "forbidden"); ge.Message != "Not Authorized to access this resource/api" {
		t.Errorf("message %q", ge.Message)
	}
}

func TestGroupsSettings(t *testing.T) {
	_, base := serve(t, testTenant(t), emulator.Options{})
	gs, err := groupssettings.NewService(context.Background(), opts(base, "/groups/v1/groups/", "admin@example.jp")...)
	if err != nil {
		t.Fatal(err)
	}
	g, err := gs.Groups.Get("sales@example.jp").Do()
	if err != nil || g.AllowExternalMembers != "true" || g.WhoCanJoin != "INVITED_CAN_JOIN" || g.Email != "sales@example.jp" {
		t.Errorf("group settings = %+v, %v", g, err)
	}
	// Set in the tenant file, and Google's defaults for the rest.
	if g.WhoCanViewGroup != "ANYONE_CAN_VIEW" || g.WhoCanPostMessage != "ANYONE_CAN_POST" || g.WhoCanViewMembership != "ALL_IN_DOMAIN_CAN_VIEW" {
		t.Errorf("view/post settings = %q %q %q", g.WhoCanViewGroup, g.WhoCanPostMessage, g.WhoCanViewMembership)
	}
	_, err = gs.Groups.Get("nope@example.jp").Do()
	wantAPIError(t, err, 404, "notFound")
}

func TestReportsActivities(t *testing.T) {
	// The tenant's events are of April 2025; the server's clock is a month later.
	now := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	_, base := serve(t, testTenant(t), emulator.Options{Now: func() time.Time { return now }})
	rep, err := reports.NewService(context.Background(), opts(base, "/", "admin@example.jp")...)
	if err != nil {
		t.Fatal(err)
	}
	// Google keeps 180 days of events: an older startTime is refused.
	_, err = rep.Activities.List("all", "drive").StartTime(now.Add(-180 * 24 * time.Hour).Format(time.RFC3339)).Do()
	wantAPIError(t, err, 400, "invalid")
	acts, err := rep.Activities.List("all", "drive").MaxResults(1000).StartTime("2025-01-01T00:00:00Z").Do()
	if err != nil {
		t.Fatal(err)
	}
	if len(acts.Items) != 3 {
		t.Fatalf("%d activities", len(acts.Items))
	}
	first := acts.Items[0] // newest first
	if first.Events[0].Name != "change_document_visibility" || first.Id.Time != "2025-04-02T09:00:00Z" || first.Actor.Email != "sato@example.jp" {
		t.Errorf("first = %+v %+v", first.Id, first.Events[0])
	}
	if first.Id.UniqueQualifier == 0 || first.Id.ApplicationName != "drive" || first.Id.CustomerId != "C01test00" {
		t.Errorf("id = %+v", first.Id)
	}
	params := map[string]*reports.ActivityEventsParameters{}
	for _, p := range acts.Items[1].Events[0].Parameters {
		params[p.Name] = p
	}
	if acts.Items[1].Events[0].Type != "acl_change" || params["doc_id"].Value != "f-report" || params["target_user"].Value != "suzuki@example.jp" ||
		len(params["new_value"].MultiValue) != 1 || params["new_value"].MultiValue[0] != "can_view" {
		t.Errorf("change_user_access params = %+v", params)
	}
	only, err := rep.Activities.List("all", "drive").EventName("change_user_access").Filters("doc_id==f-report").Do()
	if err != nil || len(only.Items) != 1 {
		t.Errorf("eventName filter: %v %v", only, err)
	}
	nonAdmin, _ := reports.NewService(context.Background(), opts(base, "/", "sato@example.jp")...)
	_, err = nonAdmin.Activities.List("all", "drive").Do()
	wantAPIError(t, err, 403, "forbidden")
}
