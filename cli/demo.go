package cli

import ucli "github.com/urfave/cli/v2"

func demoCommand(ios *IO) *ucli.Command {
	return &ucli.Command{
		Name:  "demo",
		Usage: "generate a scenario with planted rings, ingest and link it, and score what was found",
		Action: func(c *ucli.Context) error {
			return usagef("demo is not wired yet")
		},
	}
}
