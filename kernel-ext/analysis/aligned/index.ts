export {
  alignedTraces,
  lagGrid,
  meanAndSem,
  type AlignedTraces,
  type AlignOptions,
} from "./aligned-traces.js";
