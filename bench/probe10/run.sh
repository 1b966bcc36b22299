#!/bin/sh
# bench/probe10/run.sh SEED: probe10's scenario for SEED, ingested, linked and scored
# (bench/probe-run.sh says how, and which variables it reads).
exec "$(dirname "$0")/../probe-run.sh" probe10 "$@"
