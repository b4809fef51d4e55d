#!/usr/bin/env bash
# tsnwb report workers as a SLURM array job; Redis runs on the submit host.
#
# On the submit host (a login node the compute nodes can reach):
#   redis-server --port 6379 --bind 0.0.0.0 --requirepass "$TSNWB_REDIS_PASSWORD" \
#     --appendonly yes --dir "$HOME/tsnwb-redis" --daemonize yes
#   export REDIS_URL="redis://:$TSNWB_REDIS_PASSWORD@$(hostname -f):6379"
#   sbatch --export=ALL deploy/slurm-workers.sh          # 8 workers (see --array below)
#   tsnwb report /shared/recordings --queue "$REDIS_URL" --out report
#   scancel --name=tsnwb-worker                          # when the batches are done
#
# Each array task runs one worker with 4 analysis processes within the task's memory.
#SBATCH --job-name=tsnwb-worker
#SBATCH --array=1-8
#SBATCH --cpus-per-task=4
#SBATCH --mem=16G
#SBATCH --time=12:00:00
#SBATCH --output=tsnwb-worker-%A_%a.log
set -euo pipefail

: "${REDIS_URL:?set REDIS_URL=redis://:PASSWORD@SUBMIT_HOST:6379 before sbatch (and pass it with --export=ALL)}"
TSNWB="${TSNWB:-$(dirname "$(readlink -f "$0")")/../bin/tsnwb.js}"
# SLURM sends SIGTERM at the time limit and on scancel: the worker finishes or gives back its jobs.
mem_mb=$(( ${SLURM_MEM_PER_NODE:-16384} * 90 / 100 ))
exec node "$TSNWB" worker --concurrency "${SLURM_CPUS_PER_TASK:-4}" --max-memory "$mem_mb"
