// The tsnwb-widgets module: every model and view class, by the names the kernel puts in
// `_model_name` / `_view_name` (contract/common.ts WIDGET_NAMES).
export { TraceModel } from "./views/trace/trace-model";
export { TraceView } from "./views/trace/trace-view";
export { RasterModel } from "./views/raster/raster-model";
export { RasterView } from "./views/raster/raster-view";
export { RoiModel } from "./views/roi/roi-model";
export { RoiView } from "./views/roi/roi-view";
export { MovieModel } from "./views/movie/movie-model";
export { MovieView } from "./views/movie/movie-view";
export { CouplingModel } from "./views/coupling/coupling-model";
export { CouplingView } from "./views/coupling/coupling-view";
export { TableModel } from "./views/table/table-model";
export { TableView } from "./views/table/table-view";
export { TreeModel } from "./views/tree/tree-model";
export { TreeView } from "./views/tree/tree-view";
export { AlignedModel } from "./views/aligned/aligned-model";
export { AlignedView } from "./views/aligned/aligned-view";
