// Merged by @jupyterlab/builder into its webpack configuration (jupyterlab.webpackConfig).
// The entry is esbuild's already-minified bundle of widgets/src/plugin.ts, and plotly.js comes
// minified from its package: running terser over both again would only cost build time.
// plotly.js is one prebuilt UMD file with no imports of its own: webpack need not parse it.
// uniqueName names the page-global array our lazy chunks (plotly.js) are pushed to; without it
// webpack would take the name of the repository's package.json.
module.exports = {
  module: { noParse: /plotly\.js-dist-min/ },
  optimization: { minimize: false },
  output: { uniqueName: "tsnwb-widgets" },
};
