#!/bin/sh
# bench/probe9/run.sh SEED: probe9's scenario for SEED, ingested, linked and scored
# (bench/probe-run.sh says how, and which variables it reads).
exec "$(dirname "$0")/../probe-run.sh" probe9 "$@"
