#!/bin/sh
# Regenerates the bundled recordings from the ground-truth copies in data/groundtruth-mat
# (run from the repository root after `npm run build`). Output is byte-identical on every run.
set -e
GT=data/groundtruth-mat
OUT=data/recordings
CHEN="--seconds 30 --fov 32 --bin 4"
ALLEN="--seconds 30 --fov 24 --soma-radius 6"
node bin/tsnwb.js convert-groundtruth $GT/DS09-GCaMP6f-m-V1/CAttached_Chen2013_GC6f_cell1C_full_mini.mat $OUT $CHEN
node bin/tsnwb.js convert-groundtruth $GT/DS14-GCaMP6s-m-V1/CAttached_Chen2013_GC6s_cell4_mini.mat $OUT $CHEN --recording 2
node bin/tsnwb.js convert-groundtruth $GT/DS10-GCaMP6f-m-V1-neuropil-corrected/CAttached_Allen_Emx1_102959_neuropil_subtracted_mini.mat $OUT $ALLEN
node bin/tsnwb.js convert-groundtruth $GT/DS13-GCaMP6s-m-V1-neuropil-corrected/CAttached_Allen_Cux2f_102436_neuropil_subtracted_mini.mat $OUT $ALLEN
