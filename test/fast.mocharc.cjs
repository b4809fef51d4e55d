// `npm run test:fast`: the inner-loop subset of `npm test` (about a minute on an idle machine; see
// test/README.md). No Chromium, JupyterLab, notebook or nbconvert runs, and none of the suites
// that take long because they run whole programs or many processes; `npm test` runs everything.
const base = require("../.mocharc.json");

module.exports = {
  ...base,
  spec: [
    "test/analysis/**/*.test.ts",
    "test/nwb/**/*.test.ts",
    "test/remote/**/*.test.ts",
    "test/widgets/**/*.test.ts",
    "test/write/**/*.test.ts",
    "test/groundtruth/mat5.test.ts",
    "test/cli/did-you-mean.test.ts",
    // The kernel suites that share one kernel (test/kernel/support/shared-kernel.ts).
    "test/kernel/bad-input.test.ts",
    "test/kernel/cell-analysis.test.ts",
    "test/kernel/comms.test.ts",
    "test/kernel/figure-outputs.test.ts",
    "test/kernel/inspect-complete.test.ts",
    "test/kernel/interrupt.test.ts",
    "test/kernel/ts-quirks.test.ts",
    "test/kernel/widget-state.test.ts",
    "test/kernel/widgets.test.ts",
    "test/kernel/wire.test.ts",
  ],
  ignore: [
    ...base.ignore,
    // 1,000 corrupted files, each opened and walked (minutes).
    "test/nwb/fuzz.test.ts",
    // HDF5 deadlines in the kernel, and `tsnwb info` run once per fixture.
    "test/nwb/corrupt-in-kernel.test.ts",
    "test/nwb/info-cli.test.ts",
    // Their own kernel and range server each, with deliberately slow responses.
    "test/remote/kernel-remote.test.ts",
    "test/remote/kernel-progress.test.ts",
    // nwbWidget on every object of every fixture, against h5py.
    "test/widgets/conformance.test.ts",
  ],
};
