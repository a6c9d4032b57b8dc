package main

import (
	"time"

	"github.com/gwsaudit/gwsaudit/emulator"
)

// scenario is one measured audit.
type scenario struct {
	name        string
	spec        emulator.SyntheticSpec
	quotas      map[string]emulator.QuotaLimit
	faultRate   float64
	latency     time.Duration
	concurrency int
}

// googleQuotas are the defaults of an older Cloud project (Google Cloud console → APIs & Services → Quotas):
// Drive 12,000/min per project and per user, Forms 975/min per project and
// 390/min per user, Directory 2,400/min.
var googleQuotas = map[string]emulator.QuotaLimit{
	"drive":     {PerUserPerMinute: 12000, PerProjectPerMinute: 12000},
	"forms":     {PerUserPerMinute: 390, PerProjectPerMinute: 975},
	"directory": {PerUserPerMinute: 2400, PerProjectPerMinute: 2400},
	"reports":   {PerUserPerMinute: 2400, PerProjectPerMinute: 2400},
}

// tightQuotas force the auditor to slow down: a tenth of Drive's quota.
var tightQuotas = map[string]emulator.QuotaLimit{
	"drive":     {PerUserPerMinute: 1200, PerProjectPerMinute: 1200},
	"forms":     {PerUserPerMinute: 390, PerProjectPerMinute: 975},
	"directory": {PerUserPerMinute: 2400, PerProjectPerMinute: 2400},
	"reports":   {PerUserPerMinute: 2400, PerProjectPerMinute: 2400},
}

// pageRate is the auditor's own pace for anonymous form-page fetches in the
// benchmark config (requests per second): no Google quota applies, so this
// self-imposed politeness is part of the floor.
const pageRate = 20

var scenarios = map[string]scenario{
	"1k":   {name: "1k", spec: emulator.SyntheticSpec{Users: 10, ItemsPerUser: 80, SharedDrives: 2, ItemsPerDrive: 50}, quotas: googleQuotas},
	"100k": {name: "100k", spec: emulator.SyntheticSpec{Users: 100, ItemsPerUser: 900, SharedDrives: 10, ItemsPerDrive: 1000}, quotas: googleQuotas},
	"1m":   {name: "1m", spec: emulator.SyntheticSpec{Users: 1000, ItemsPerUser: 900, SharedDrives: 50, ItemsPerDrive: 2000}, quotas: googleQuotas},
	// 200 forms (every 5th user owns one): a run bound by the Forms quota.
	"forms": {name: "forms", spec: emulator.SyntheticSpec{Users: 1000, ItemsPerUser: 2}, quotas: googleQuotas},
}
