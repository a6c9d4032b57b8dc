package emulator

import "testing"

func TestQuotaPerUserAndPerProject(t *testing.T) {
	q := newQuotas(map[string]QuotaLimit{"drive": {PerUserPerMinute: 120, PerProjectPerMinute: 240}})
	// Each bucket holds one second's worth: 2 per user, 4 for the project.
	for i := range 2 {
		if e := q.take("drive.files.list", "a@example.jp"); e != nil {
			t.Fatalf("call %d refused: %v", i, e)
		}
	}
	if e := q.take("drive.files.list", "a@example.jp"); e == nil || e.Reason != "userRateLimitExceeded" || e.Code != 403 {
		t.Errorf("third call by one user: %v, want 403 userRateLimitExceeded", e)
	}
	for range 2 {
		if e := q.take("drive.files.get", "b@example.jp"); e != nil {
			t.Fatalf("another user refused: %v", e)
		}
	}
	if e := q.take("drive.files.get", "c@example.jp"); e == nil || e.Code != 429 {
		t.Errorf("past the project quota: %v, want 429", e)
	}
	if e := q.take("forms.forms.get", "a@example.jp"); e != nil {
		t.Errorf("forms has no quota configured, got %v", e)
	}
}
