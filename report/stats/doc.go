// Package stats holds the statistics the report's findings rest on:
// intervals for rates (Wilson, bootstrap), tests of a difference between
// two groups (Fisher's exact test, the two-proportion z-test), Holm's
// correction over several tests, Kaplan–Meier curves with the log-rank
// test, and the Mantel–Haenszel stratified comparison. Every function is
// pure and deterministic; each is checked against R's value for a
// published example in its test.
package stats

// z95 is the standard normal quantile of 0.975: qnorm(0.975) in R.
const z95 = 1.959963984540054

// Alpha is the level below which a (corrected) p-value makes a difference
// clear.
const Alpha = 0.05
