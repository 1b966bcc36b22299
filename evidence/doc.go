// Package evidence builds and checks the evidence package of one cluster:
// a zip that people outside engineering can read and anyone can verify
// without the database.
//
// Contents, in this fixed order:
//
//	summary.txt    the case for people: id, score and reasons, size, time
//	               span, strongest shared attributes and who else uses them,
//	               top templates, and how to check the package
//	cluster.json   the same for programs: cluster, signals, run parameters,
//	               members, shared attributes, templates, timeline, hours
//	members.csv    one row per member account: activity, and what ties it
//	               to the others (the cards, emails and devices it shares
//	               with another member, "; " between values, as lists in
//	               cluster.json; how many addresses and templates it shares)
//	edges.csv      every account–attribute edge inside the cluster
//	timeline.csv   signups, first and last records and active members, on
//	               each UTC day when one of them changed (a day without
//	               a row is like the row before it, without its events)
//	hours.csv      the members' requests by UTC hour of the day (format 3;
//	               zero for records ingested before ringlink counted them)
//	SHA256SUMS     the data files' hashes in sha256sum format
//	manifest.json  every file above with its size and SHA-256, the format
//	               and tool versions, the run and the cluster
//	manifest.sha256  the SHA-256 of manifest.json in sha256sum format
//
// The bytes are deterministic: the same database and the same run give
// the same zip. Entries have fixed order, fixed permissions and the run's
// time as modification time; nothing is read from a map in iteration
// order; nothing depends on the clock or the machine.
//
// Integrity is checked by Verify (ringlink verify) or with standard tools
// after unzipping: `sha256sum -c manifest.sha256 && sha256sum -c SHA256SUMS`.
// The package is tamper-evident against edits of single files, not
// signed: someone who rewrites every file and every hash consistently
// produces a package that verifies. Keep the manifest hash (printed by
// ringlink export) with the case record to pin the exact package.
//
// Account ids, e-mails, device fingerprints and prompt templates come
// from traffic and so from the people under investigation. The CSV files
// write them as ringlink's CSV listings do (Cell): a cell that starts
// with = + - @, a tab or a carriage return gets an apostrophe so
// spreadsheets show it instead of evaluating it, and control characters
// and bidirectional overrides are written as \u001b-style text so that
// printing a file cannot steer a terminal. summary.txt quotes values with
// control characters; cluster.json keeps the exact values.
package evidence
