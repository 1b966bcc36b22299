package cli

import ucli "github.com/urfave/cli/v2"

// commands lists every command, in the order help shows them.
func commands(ios *IO) []*ucli.Command {
	return []*ucli.Command{
		demoCommand(ios),
		ingestCommand(ios),
		statsCommand(ios),
		attrCommand(ios),
		accountCommand(ios),
		fixturesCommand(ios),
		templatesCommand(ios),
		evalCommand(ios),
		linkCommand(ios),
		clustersCommand(ios),
		clusterCommand(ios),
		whyCommand(ios),
		runCommand(ios),
		runsCommand(ios),
		exportCommand(ios),
		verifyCommand(ios),
	}
}
