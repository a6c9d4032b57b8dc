// Package model holds the plain data the walk, the checks, the run history
// and the reports share: items and their grants, findings, severities,
// coverage and gaps, and the walk's records that a store keeps for an
// incremental run. It imports nothing of gwsaudit.
package model
