#!/bin/sh
# bench/probe5/run.sh SEED: probe5's scenario for SEED, ingested, linked and scored
# (bench/probe-run.sh says how, and which variables it reads).
exec "$(dirname "$0")/../probe-run.sh" probe5 "$@"
