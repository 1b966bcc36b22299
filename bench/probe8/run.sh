#!/bin/sh
# bench/probe8/run.sh SEED: probe8's scenario for SEED, ingested, linked and scored
# (bench/probe-run.sh says how, and which variables it reads).
exec "$(dirname "$0")/../probe-run.sh" probe8 "$@"
