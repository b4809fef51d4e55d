export {
  levenbergMarquardt,
  type Model,
  type LmOptions,
  type LmResult,
} from "./levenberg-marquardt.js";
