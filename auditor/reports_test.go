package auditor

import (
	"testing"

	reports "google.golang.org/api/admin/reports/v1"

	"github.com/gwsaudit/gwsaudit/model"
)

func activity(name string, ps ...*reports.ActivityEventsParameters) *reports.Activity {
	return &reports.Activity{
		Id:     &reports.ActivityId{Time: "2026-10-01T09:00:00Z"},
		Actor:  &reports.ActivityActor{Email: "Tanaka@City.example.jp"},
		Events: []*reports.ActivityEvents{{Type: "acl_change", Name: name, Parameters: ps}},
	}
}

func param(name, value string) *reports.ActivityEventsParameters {
	return &reports.ActivityEventsParameters{Name: name, Value: value}
}

func multi(name string, values ...string) *reports.ActivityEventsParameters {
	return &reports.ActivityEventsParameters{Name: name, MultiValue: values}
}

func TestRevocationsOf(t *testing.T) {
	cases := []struct {
		name string
		act  *reports.Activity
		want []model.Revocation
	}{
		{"user removed from folder", activity("change_user_access", param("doc_id", "fo1"), param("doc_type", "folder"),
			param("target_user", "X@partner.example.jp"), multi("old_value", "can_view"), multi("new_value", "none")),
			[]model.Revocation{{FolderID: "fo1", Type: "group", Email: "x@partner.example.jp"}, {FolderID: "fo1", Type: "user", Email: "x@partner.example.jp"}}},
		{"role changed, not removed", activity("change_user_access", param("doc_id", "fo1"), param("doc_type", "folder"),
			param("target_user", "x@partner.example.jp"), multi("old_value", "can_edit"), multi("new_value", "can_view")), nil},
		{"a file, not a folder", activity("change_user_access", param("doc_id", "f1"), param("doc_type", "spreadsheet"),
			param("target_user", "x@partner.example.jp"), multi("new_value", "none")), nil},
		{"link sharing turned off", activity("change_document_visibility", param("doc_id", "fo2"), param("doc_type", "folder"),
			param("old_visibility", "people_with_link"), param("visibility", "private")),
			[]model.Revocation{{FolderID: "fo2", Type: "anyone"}}},
		{"link sharing widened", activity("change_document_visibility", param("doc_id", "fo2"),
			param("old_visibility", "private"), param("visibility", "people_with_link")), nil},
		{"domain access removed", activity("change_document_access_scope", param("doc_id", "fo3"),
			param("target_domain", "edu.example.jp"), multi("new_value", "none")),
			[]model.Revocation{{FolderID: "fo3", Type: "domain", Domain: "edu.example.jp"}}},
		{"link removed for all domains: the anyone link", activity("change_document_access_scope", param("doc_id", "fo4"), param("doc_type", "folder"),
			param("target_domain", "all"), multi("old_value", "can_view"), multi("new_value", "none")),
			[]model.Revocation{{FolderID: "fo4", Type: "anyone"}}},
		{"link access changed, not removed", activity("change_document_access_scope", param("doc_id", "fo4"),
			param("target_domain", "all"), multi("old_value", "can_edit"), multi("new_value", "can_view")), nil},
		{"member removed from a shared drive", activity("shared_drive_membership_change", param("doc_id", "sd1"), param("doc_type", "shared_drive"),
			param("shared_drive_id", "sd1"), param("membership_change_type", "remove_from_shared_drive"), param("target_user", "Kyu@City.example.jp"),
			param("removed_role", "editor"), param("added_role", "none")),
			[]model.Revocation{{FolderID: "sd1", Type: "group", Email: "kyu@city.example.jp"}, {FolderID: "sd1", Type: "user", Email: "kyu@city.example.jp"}}},
		{"member added to a shared drive", activity("shared_drive_membership_change", param("doc_id", "sd1"), param("doc_type", "shared_drive"),
			param("shared_drive_id", "sd1"), param("membership_change_type", "add_to_shared_drive"), param("target_user", "kyu@city.example.jp")), nil},
	}
	for _, c := range cases {
		got := revocationsOf(c.act)
		if len(got) != len(c.want) {
			t.Errorf("%s: got %+v, want %+v", c.name, got, c.want)
			continue
		}
		for i := range got {
			w := c.want[i]
			g := got[i]
			if g.FolderID != w.FolderID || g.Type != w.Type || g.Email != w.Email || g.Domain != w.Domain ||
				g.Actor != "tanaka@city.example.jp" || g.At.IsZero() {
				t.Errorf("%s: got %+v, want %+v", c.name, g, w)
			}
		}
	}
}
