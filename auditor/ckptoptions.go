package auditor

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// findingOptions fingerprints every option that changes findings, by its
// config key: a resumed run must use the same, or the walks done before the
// interruption and after it would be judged by different rules and the
// report would mix them. An option added to Options that changes findings
// belongs here.
func findingOptions(o Options) map[string]string {
	lower := func(l []string) []string { return unionLower(l) }
	out := map[string]string{
		"internal_domains":       fingerprint(lower(o.ExtraInternalDomains)),
		"partner_domains":        fingerprint(lower(o.PartnerDomains)),
		"free_mail_domains":      fingerprint(lower(o.FreeMailDomains)),
		"personal_data_keywords": fingerprint(o.Keywords),
		"audit_log_days":         fingerprint([]string{o.AuditLogWindow.String()}),
		"checks":                 fingerprint(o.Checks),
	}
	// Only with rules, so that a checkpoint written without a policy (or
	// before there was one) still resumes.
	if len(o.AudienceRules) > 0 {
		var auds, rules []string
		for _, a := range o.Audiences {
			auds = append(auds, fmt.Sprintf("%s|%v|%v|%v", strings.ToLower(a.Name), a.OrgUnits, lower(a.Domains), lower(a.Groups)))
		}
		for _, r := range o.AudienceRules {
			rule := strings.ToLower(r.From) + "→" + strings.ToLower(r.To)
			if r.PersonalDataOnly {
				rule += " personal data only"
			}
			rules = append(rules, rule)
		}
		out["audiences"], out["audience_rules"] = fingerprint(auds), fingerprint(rules)
	}
	return out
}

// fingerprint hashes a set of values, in any order.
func fingerprint(vals []string) string {
	vals = slices.Clone(vals)
	slices.Sort(vals)
	vals = slices.Compact(vals)
	sum := sha256.Sum256([]byte(strings.Join(vals, "\x00")))
	return hex.EncodeToString(sum[:12])
}

// optionsDiffer names, sorted, the options whose fingerprints differ.
func optionsDiffer(saved, now map[string]string) []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(now)) {
		if saved[k] != now[k] {
			out = append(out, k)
		}
	}
	for k := range saved {
		if _, ok := now[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}
