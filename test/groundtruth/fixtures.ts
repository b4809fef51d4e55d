// The ground-truth .mat files kept in the repository (sources of data/recordings).
import { repoPath } from "../write/python.js";

export const BUNDLED_MAT = [
  "DS09-GCaMP6f-m-V1/CAttached_Chen2013_GC6f_cell1C_full_mini.mat",
  "DS14-GCaMP6s-m-V1/CAttached_Chen2013_GC6s_cell4_mini.mat",
  "DS10-GCaMP6f-m-V1-neuropil-corrected/CAttached_Allen_Emx1_102959_neuropil_subtracted_mini.mat",
  "DS13-GCaMP6s-m-V1-neuropil-corrected/CAttached_Allen_Cux2f_102436_neuropil_subtracted_mini.mat",
].map((f) => repoPath("data", "groundtruth-mat", f));
