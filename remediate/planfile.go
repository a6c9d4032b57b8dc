package remediate

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/gwsaudit/gwsaudit/internal/usererr"
	"github.com/gwsaudit/gwsaudit/model"
)

// maxPlanBytes bounds a plan file read (a reviewed, possibly hand-edited,
// outside input).
const maxPlanBytes = 64 << 20

// WritePlan writes p as indented JSON, one field a line, so that a
// reviewer can delete actions before applying.
func WritePlan(w io.Writer, p *Plan) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(p); err != nil {
		return fmt.Errorf("write plan: %w", err)
	}
	return nil
}

// ReadPlan reads and checks a plan; it returns the plan and the SHA-256 of
// its bytes (the journal names the plan it applies by it).
func ReadPlan(r io.Reader) (*Plan, string, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxPlanBytes+1))
	if err != nil {
		return nil, "", fmt.Errorf("read plan: %w", err)
	}
	if len(data) > maxPlanBytes {
		return nil, "", fmt.Errorf("read plan: larger than %d MiB", maxPlanBytes>>20)
	}
	var p Plan
	dec := json.NewDecoder(strings.NewReader(string(data)))
	if err := dec.Decode(&p); err != nil {
		return nil, "", fmt.Errorf("read plan: not a plan written by gwsaudit fix plan: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, "", errors.New("read plan: unexpected data after the plan")
	}
	if err := p.validate(); err != nil {
		return nil, "", fmt.Errorf("read plan: %w", err)
	}
	sum := sha256.Sum256(data)
	return &p, hex.EncodeToString(sum[:]), nil
}

// validate refuses a plan fix apply could misread.
func (p *Plan) validate() error {
	switch {
	case p.Schema != PlanSchema:
		return fmt.Errorf("unsupported schema %q (want %q)", p.Schema, PlanSchema)
	case p.Tenant.PrimaryDomain == "":
		return errors.New("tenant.primary_domain is empty")
	case p.CreatedAt.IsZero():
		return errors.New("created_at is missing")
	}
	seen := map[int]bool{}
	for i := range p.Actions {
		a := &p.Actions[i]
		if a.ID <= 0 || seen[a.ID] {
			return fmt.Errorf("action %d: id must be a positive number used once", a.ID)
		}
		seen[a.ID] = true
		if err := a.validate(); err != nil {
			return fmt.Errorf("action %d: %w", a.ID, err)
		}
	}
	return nil
}

func (a *Action) validate() error {
	perm := a.Permission
	switch {
	case a.Kind != KindRestrictLink && a.Kind != KindDeletePermission && a.Kind != KindRemoveMember:
		return fmt.Errorf("unknown kind %q", a.Kind)
	case a.ItemID == "":
		return errors.New("item_id is empty")
	case a.Kind == KindRemoveMember && a.DriveID != a.ItemID:
		return errors.New("remove_member needs drive_id equal to item_id (the shared drive)")
	case perm.Role == "" || perm.Role == "owner":
		return fmt.Errorf("permission role %q cannot be removed", perm.Role)
	case perm.View != "":
		return errors.New("a view grant (form responders) is not a sharing grant")
	}
	switch perm.Type {
	case model.TypeUser, model.TypeGroup:
		if !strings.Contains(perm.Email, "@") {
			return fmt.Errorf("%s permission without an e-mail address", perm.Type)
		}
	case model.TypeDomain:
		if perm.Domain == "" {
			return errors.New("domain permission without a domain")
		}
	case model.TypeAnyone:
	default:
		return fmt.Errorf("unknown permission type %q", perm.Type)
	}
	if (perm.Type == model.TypeAnyone || perm.Type == model.TypeDomain) != (a.Kind == KindRestrictLink) && a.Kind != KindRemoveMember {
		return fmt.Errorf("kind %s does not fit a %s permission", a.Kind, perm.Type)
	}
	return nil
}

// CheckFor refuses a plan made for another tenant, or older than maxAge:
// its age is that of what it knows, from the audit it was made from
// (source_run.finished_at) when that is older than the plan itself.
func (p *Plan) CheckFor(primaryDomain string, now time.Time, maxAge time.Duration) error {
	if !strings.EqualFold(p.Tenant.PrimaryDomain, primaryDomain) {
		return usererr.New(usererr.PlanOtherTenant, p.Tenant.PrimaryDomain, primaryDomain)
	}
	seen, what := p.CreatedAt, usererr.PlanMade
	if f := p.SourceRun.FinishedAt; !f.IsZero() && f.Before(seen) {
		seen, what = f, usererr.PlanAuditFinished
	}
	if age := now.Sub(seen); maxAge > 0 && age > maxAge {
		return usererr.New(usererr.PlanTooOld, what, int(age.Round(time.Hour)/time.Hour), seen.Format(time.RFC3339), maxAge)
	}
	if p.CreatedAt.After(now.Add(time.Hour)) {
		return usererr.New(usererr.PlanFuture, p.CreatedAt.Format(time.RFC3339))
	}
	return nil
}
